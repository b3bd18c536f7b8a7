package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The host side of MicroPython's Emscripten build: what its JavaScript glue does, in Java. Built from
 * the module's own import list, so every import gets a function (those nobody expects to be called
 * report the board dead with their name instead of failing to link).
 *
 * <ul>
 * <li>{@code invoke_*}: call a table entry; on {@link LongjmpException} restore the stack pointer, call
 * {@code setThrew(1, 0)} and return 0, so the caller's setjmp sees the jump (Python exceptions).
 * <li>{@code _emscripten_throw_longjmp} throws {@link LongjmpException}; {@code _abort_js} ends the board.
 * <li>{@code emscripten_resize_heap} grows memory as the glue does, up to the board's memory limit
 * (beyond it MicroPython raises {@code MemoryError}).
 * <li>time, ticks and random; the file system and console through {@link Syscalls}.
 * <li>the JavaScript proxy imports: there is no JavaScript here. {@code jsffi.to_js(x)} and
 * {@code jsffi.create_proxy(x)} give {@code x} back, {@code jsffi.mem_info()} counts nothing; the rest
 * need a JavaScript object, which this board can never hand out ({@code import js} fails with
 * {@code ImportError}), and end the board with a message if reached anyway.
 * </ul>
 */
final class EmscriptenImports {
    private static final int PAGE = 65536;
    private static final int MP_KIND_NULL = 0;
    private static final int MP_KIND_NONE = 1;
    private static final int MP_KIND_BOOL = 2;
    private static final int MP_KIND_INT = 3;
    private static final int MP_KIND_FLOAT = 4;
    private static final int MP_KIND_STR = 5;
    private static final int JS_KIND_UNDEFINED = 0;
    private static final int JS_KIND_NULL = 1;
    private static final int JS_KIND_STRING = 5;
    private static final int JS_KIND_PYPROXY = 8;

    private final Syscalls sys;
    private final long maxMemoryBytes;
    private final long epochNanos = System.nanoTime();
    private final SplittableRandom random = new SplittableRandom();
    private ExportFunction stackCurrent;
    private ExportFunction stackRestore;
    private ExportFunction setThrew;
    private ExportFunction malloc;
    private TableInstance table;
    private GlobalInstance stackPointer;

    EmscriptenImports(Syscalls sys, long maxMemoryBytes) {
        this.sys = sys;
        this.maxMemoryBytes = maxMemoryBytes;
    }

    /** Looks up the exports the host functions call back into; once, after the instance is built. */
    void bind(Instance instance) {
        stackCurrent = instance.export("emscripten_stack_get_current");
        stackRestore = instance.export("_emscripten_stack_restore");
        setThrew = instance.export("setThrew");
        malloc = instance.export("malloc");
        table = instance.table(0);
        stackPointer = stackPointerGlobal(instance);
    }

    /**
     * @return the global that {@code emscripten_stack_get_current} returns, when its body is just
     *     {@code global.get n}: the trampolines read it directly instead of calling the export
     */
    private static GlobalInstance stackPointerGlobal(Instance instance) {
        var exports = instance.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (e.name().equals("emscripten_stack_get_current") && e.exportType() == ExternalType.FUNCTION) {
                FunctionBody body = instance.function(e.index());
                List<? extends Instruction> code = body == null ? List.of() : body.instructions();
                if (code.size() == 2 && code.get(0).opcode() == OpCode.GLOBAL_GET && code.get(1).opcode() == OpCode.END) {
                    return instance.global((int) code.get(0).operand(0));
                }
            }
        }
        return null;
    }

    /** @return a host function for every function import of {@code module} */
    ImportValues forModule(WasmModule module) {
        Map<String, WasmFunctionHandle> handles = handles();
        List<HostFunction> functions = new ArrayList<>();
        ImportSection imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            if (!(imp instanceof FunctionImport fi)) {
                continue;
            }
            FunctionType type = module.typeSection().getType(fi.typeIndex());
            WasmFunctionHandle handle;
            if (imp.name().startsWith("invoke_")) {
                boolean returns = !type.returns().isEmpty();
                handle = (inst, args) -> invoke(inst, args, returns);
            } else {
                handle = handles.getOrDefault(imp.name(), unexpected(imp.module() + "." + imp.name()));
            }
            functions.add(new HostFunction(imp.module(), imp.name(), type, handle));
        }
        return ImportValues.builder().addFunction(functions.toArray(new HostFunction[0])).build();
    }

    private long[] invoke(Instance instance, long[] args, boolean returns) {
        long sp = stackPointer != null ? stackPointer.getValue() : stackCurrent.apply()[0];
        int funcId = table.requiredRef((int) args[0]);
        try {
            long[] result = instance.getMachine().call(funcId, Arrays.copyOfRange(args, 1, args.length));
            return returns ? result : null;
        } catch (LongjmpException e) {
            stackRestore.apply(sp);
            setThrew.apply(1, 0);
            return returns ? new long[] {0} : null;
        }
    }

    private Map<String, WasmFunctionHandle> handles() {
        Map<String, WasmFunctionHandle> h = new HashMap<>();
        h.put("_emscripten_throw_longjmp", (inst, args) -> {
            throw new LongjmpException();
        });
        h.put("_abort_js", (inst, args) -> {
            throw new BoardFailure("MicroPython called abort()");
        });
        h.put("emscripten_resize_heap", (inst, args) -> i32(resizeHeap(inst.memory(), args[0] & 0xFFFFFFFFL)));
        h.put("mp_js_ticks_ms", (inst, args) -> i32((int) ((System.nanoTime() - epochNanos) / 1_000_000)));
        h.put("mp_js_time_ms", (inst, args) -> new long[] {Double.doubleToRawLongBits(System.currentTimeMillis())});
        h.put("mp_js_random_u32", (inst, args) -> i32(random.nextInt()));

        h.put("__syscall_chdir", (inst, a) -> i32(sys.chdir(inst.memory(), (int) a[0])));
        h.put("__syscall_getcwd", (inst, a) -> i32(sys.getcwd(inst.memory(), (int) a[0], (int) a[1])));
        h.put("__syscall_mkdirat", (inst, a) -> i32(sys.mkdirat(inst.memory(), (int) a[0], (int) a[1])));
        h.put("__syscall_openat", (inst, a) -> i32(sys.openat(inst.memory(), (int) a[0], (int) a[1], (int) a[2])));
        h.put("__syscall_poll", (inst, a) -> i32(sys.poll(inst.memory(), (int) a[0], (int) a[1])));
        h.put("__syscall_getdents64", (inst, a) -> i32(sys.getdents(inst.memory(), (int) a[0], (int) a[1], (int) a[2])));
        h.put("__syscall_renameat", (inst, a) -> i32(sys.renameat(inst.memory(), (int) a[0], (int) a[1], (int) a[2], (int) a[3])));
        h.put("__syscall_rmdir", (inst, a) -> i32(sys.rmdir(inst.memory(), (int) a[0])));
        h.put("__syscall_fstat64", (inst, a) -> i32(sys.fstat(inst.memory(), (int) a[0], (int) a[1])));
        h.put("__syscall_stat64", (inst, a) -> i32(sys.stat(inst.memory(), (int) a[0], (int) a[1])));
        h.put("__syscall_lstat64", (inst, a) -> i32(sys.stat(inst.memory(), (int) a[0], (int) a[1])));
        h.put("__syscall_newfstatat", (inst, a) -> i32(sys.newfstatat(inst.memory(), (int) a[0], (int) a[1], (int) a[2])));
        h.put("__syscall_statfs64", (inst, a) -> i32(sys.statfs(inst.memory(), (int) a[0], (int) a[1], (int) a[2])));
        h.put("__syscall_unlinkat", (inst, a) -> i32(sys.unlinkat(inst.memory(), (int) a[0], (int) a[1], (int) a[2])));
        h.put("fd_close", (inst, a) -> i32(sys.close((int) a[0])));
        h.put("fd_sync", (inst, a) -> i32(sys.sync((int) a[0])));
        h.put("fd_seek", (inst, a) -> i32(sys.seek(inst.memory(), (int) a[0], a[1], (int) a[2], (int) a[3])));
        h.put("fd_read", (inst, a) -> i32(sys.read(inst.memory(), (int) a[0], (int) a[1], (int) a[2], (int) a[3])));
        h.put("fd_write", (inst, a) -> i32(sys.write(inst.memory(), (int) a[0], (int) a[1], (int) a[2], (int) a[3])));

        h.put("js_check_existing", (inst, a) -> i32(-1));
        h.put("js_get_proxy_js_ref_info", (inst, a) -> {
            inst.memory().writeI32((int) a[0], 0);
            inst.memory().writeI32((int) a[0] + 4, 0);
            return null;
        });
        h.put("proxy_js_free_obj", (inst, a) -> null);
        // The js module (globalThis) has no attributes here: js.x raises AttributeError in Python.
        h.put("lookup_attr", (inst, a) -> i32(0));
        h.put("has_attr", (inst, a) -> i32(0));
        h.put("js_iter_next", (inst, a) -> i32(0));
        WasmFunctionHandle ignore = (inst, a) -> null;
        h.put("store_attr", ignore);
        h.put("js_subscr_store", ignore);
        h.put("js_then_resolve", ignore);
        h.put("js_then_reject", ignore);
        // Results of calls on JavaScript objects (unreachable without any attribute) are undefined.
        h.put("js_subscr_load", undefinedInto(2));
        h.put("js_get_iter", undefinedInto(1));
        h.put("call0", undefinedInto(1));
        h.put("call1", undefinedIntoReturning(3));
        h.put("call2", undefinedIntoReturning(4));
        h.put("calln", undefinedIntoReturning(4));
        h.put("call0_kwarg", undefinedInto(5));
        h.put("calln_kwarg", undefinedInto(7));
        h.put("js_reflect_construct", undefinedInto(3));
        h.put("create_promise", undefinedInto(1));
        h.put("js_then_continue", undefinedInto(4));
        h.put("js_get_error_info", (inst, a) -> {
            inst.memory().writeI32((int) a[1], JS_KIND_UNDEFINED);
            inst.memory().writeI32((int) a[2], JS_KIND_UNDEFINED);
            return null;
        });
        WasmFunctionHandle roundTrip = (inst, a) -> {
            roundTrip(inst.memory(), (int) a[0]);
            return null;
        };
        h.put("proxy_convert_mp_to_js_then_js_to_mp_obj_jsside", roundTrip);
        h.put("proxy_convert_mp_to_js_then_js_to_js_then_js_to_mp_obj_jsside", roundTrip);
        return h;
    }

    /**
     * Converts a MicroPython value the C side put in {@code out} (kind, value words) to the form the C
     * side reads back from JavaScript, giving the same object back.
     */
    private void roundTrip(Memory m, int out) {
        int kind = m.readInt(out);
        switch (kind) {
            case MP_KIND_NULL -> m.writeI32(out, JS_KIND_UNDEFINED);
            case MP_KIND_NONE -> m.writeI32(out, JS_KIND_NULL);
            case MP_KIND_BOOL, MP_KIND_INT, MP_KIND_FLOAT -> {
                // Same kind numbers and value layout on both sides.
            }
            case MP_KIND_STR -> {
                int len = m.readInt(out + 4);
                int src = m.readInt(out + 8);
                // The C side frees a string that comes from JavaScript: hand it a malloc'd copy.
                int copy = (int) malloc.apply(len + 1L)[0];
                if (copy == 0) {
                    throw new BoardFailure("out of memory converting a string for jsffi");
                }
                m.copy(copy, src, len);
                m.writeI32(out, JS_KIND_STRING);
                m.writeI32(out + 8, copy);
            }
            default -> {
                // Callables, generators and other objects travel as a reference to the same object.
                m.writeI32(out, JS_KIND_PYPROXY);
            }
        }
    }

    private int resizeHeap(Memory memory, long requested) {
        long old = (long) memory.pages() * PAGE;
        if (requested <= old) {
            return 1;
        }
        if (requested > maxMemoryBytes) {
            return 0;
        }
        // Emscripten's policy: over-grow by 20%, then 10%, then 5%, never by more than 96 MiB.
        for (int cutDown = 1; cutDown <= 4; cutDown *= 2) {
            long over = (long) (old * (1 + 0.2 / cutDown));
            over = Math.min(over, requested + 96L * 1024 * 1024);
            long target = Math.min(maxMemoryBytes, alignUp(Math.max(requested, over)));
            int pages = (int) ((target - old + PAGE - 1) / PAGE);
            if (memory.grow(pages) >= 0) {
                return 1;
            }
        }
        return 0;
    }

    private static long alignUp(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
    }

    /** @return a handle writing JavaScript {@code undefined} into the out-parameter at argument {@code outArg} */
    private static WasmFunctionHandle undefinedInto(int outArg) {
        return (inst, a) -> {
            inst.memory().writeI32((int) a[outArg], JS_KIND_UNDEFINED);
            return null;
        };
    }

    /** As {@link #undefinedInto(int)} for the call imports that also return an i32 (0: no error). */
    private static WasmFunctionHandle undefinedIntoReturning(int outArg) {
        return (inst, a) -> {
            inst.memory().writeI32((int) a[outArg], JS_KIND_UNDEFINED);
            return i32(0);
        };
    }

    private static WasmFunctionHandle unexpected(String name) {
        return (inst, args) -> {
            throw new BoardFailure(name + " needs a JavaScript host, which virtual:micropython does not have");
        };
    }

    private static long[] i32(int value) {
        return new long[] {value};
    }
}
