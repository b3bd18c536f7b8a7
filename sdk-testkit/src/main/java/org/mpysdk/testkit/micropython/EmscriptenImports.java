package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private Machine machine;

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
        machine = instance.getMachine();
    }

    /**
     * Finds the stack pointer global, which every {@code invoke_*} call reads (up to ten per Python
     * function call, four per element of {@code sum(range(n))}); reading it directly instead of calling
     * {@code emscripten_stack_get_current} makes such code about 15% faster. The function bodies are
     * not at hand when the module was compiled at build time, so this asks the module instead: it
     * moves each mutable i32 global in turn by one stack slot and keeps the one that
     * {@code emscripten_stack_get_current} then reports and {@code _emscripten_stack_restore} sets.
     * This runs before any code, and every global gets its value back.
     *
     * @return the stack pointer global, or null to keep calling the exports
     */
    private GlobalInstance stackPointerGlobal(Instance instance) {
        for (int i = 0; i < instance.globalCount(); i++) {
            GlobalInstance g = instance.global(i);
            if (!ValType.I32.equals(g.getType()) || g.getMutabilityType() != MutabilityType.Var) {
                continue;
            }
            long saved = g.getValue();
            long probe = saved - 16;
            try {
                g.setValue(probe);
                if (stackCurrent.apply()[0] != probe) {
                    continue;
                }
                g.setValue(saved);
                stackRestore.apply(probe);
                if (g.getValue() == probe) {
                    return g;
                }
            } finally {
                g.setValue(saved);
            }
        }
        return null;
    }

    /** @return a host function for every function import of {@code module} */
    ImportValues forModule(WasmModule module) {
        List<HostFunction> functions = new ArrayList<>();
        ImportSection imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            if (!(imp instanceof FunctionImport fi)) {
                continue;
            }
            FunctionType type = module.typeSection().getType(fi.typeIndex());
            HostCall call = imp.name().startsWith("invoke_") ? HostCall.INVOKE : HostCall.BY_NAME.get(imp.name());
            WasmFunctionHandle handle = call == null
                    ? unexpected(imp.module() + "." + imp.name())
                    : new Handle(call, !type.returns().isEmpty(),
                            call == HostCall.JS_UNDEFINED_INTO ? HostCall.outArg(imp.name()) : -1);
            functions.add(new HostFunction(imp.module(), imp.name(), type, handle));
        }
        return ImportValues.builder().addFunction(functions.toArray(new HostFunction[0])).build();
    }

    /**
     * One import bound to this board. A single class for all of them: on a cold JVM each lambda costs
     * a generated class, and 60 of them were a tenth of the first board's start-up.
     */
    private final class Handle implements WasmFunctionHandle {
        private final HostCall call;
        private final boolean returns;
        private final int outArg;

        Handle(HostCall call, boolean returns, int outArg) {
            this.call = call;
            this.returns = returns;
            this.outArg = outArg;
        }

        @Override
        public long[] apply(Instance instance, long... args) {
            return EmscriptenImports.this.apply(this, instance, args);
        }
    }

    private long[] invoke(long[] args, boolean returns) {
        long sp = stackPointer != null ? stackPointer.getValue() : stackCurrent.apply()[0];
        int funcId = table.requiredRef((int) args[0]);
        try {
            long[] result = machine.call(funcId, Arrays.copyOfRange(args, 1, args.length));
            return returns ? result : null;
        } catch (LongjmpException e) {
            if (stackPointer != null) {
                stackPointer.setValue(sp);
            } else {
                stackRestore.apply(sp);
            }
            setThrew.apply(1, 0);
            return returns ? new long[] {0} : null;
        }
    }

    // One case per import, as the JavaScript glue has one function per import.
    private long[] apply(Handle h, Instance inst, long[] a) {
        Memory m = inst.memory();
        return switch (h.call) {
            case INVOKE -> invoke(a, h.returns);
            case THROW_LONGJMP -> throw new LongjmpException();
            case ABORT -> throw new BoardFailure("MicroPython called abort()");
            case RESIZE_HEAP -> i32(resizeHeap(m, a[0] & 0xFFFFFFFFL));
            case TICKS_MS -> i32((int) ((System.nanoTime() - epochNanos) / 1_000_000));
            case TIME_MS -> new long[] {Double.doubleToRawLongBits(System.currentTimeMillis())};
            case RANDOM_U32 -> i32(random.nextInt());

            case CHDIR -> i32(sys.chdir(m, (int) a[0]));
            case GETCWD -> i32(sys.getcwd(m, (int) a[0], (int) a[1]));
            case MKDIRAT -> i32(sys.mkdirat(m, (int) a[0], (int) a[1]));
            case OPENAT -> i32(sys.openat(m, (int) a[0], (int) a[1], (int) a[2]));
            case POLL -> i32(sys.poll(m, (int) a[0], (int) a[1]));
            case GETDENTS -> i32(sys.getdents(m, (int) a[0], (int) a[1], (int) a[2]));
            case RENAMEAT -> i32(sys.renameat(m, (int) a[0], (int) a[1], (int) a[2], (int) a[3]));
            case RMDIR -> i32(sys.rmdir(m, (int) a[0]));
            case FSTAT -> i32(sys.fstat(m, (int) a[0], (int) a[1]));
            case STAT -> i32(sys.stat(m, (int) a[0], (int) a[1]));
            case NEWFSTATAT -> i32(sys.newfstatat(m, (int) a[0], (int) a[1], (int) a[2]));
            case STATFS -> i32(sys.statfs(m, (int) a[0], (int) a[1], (int) a[2]));
            case UNLINKAT -> i32(sys.unlinkat(m, (int) a[0], (int) a[1], (int) a[2]));
            case FD_CLOSE -> i32(sys.close((int) a[0]));
            case FD_SYNC -> i32(sys.sync((int) a[0]));
            case FD_SEEK -> i32(sys.seek(m, (int) a[0], a[1], (int) a[2], (int) a[3]));
            case FD_READ -> i32(sys.read(m, (int) a[0], (int) a[1], (int) a[2], (int) a[3]));
            case FD_WRITE -> i32(sys.write(m, (int) a[0], (int) a[1], (int) a[2], (int) a[3]));

            case JS_NOT_FOUND -> i32(-1);
            case JS_REF_INFO -> {
                m.writeI32((int) a[0], 0);
                m.writeI32((int) a[0] + 4, 0);
                yield null;
            }
            // The js module (globalThis) has no attributes here: js.x raises AttributeError in Python.
            case JS_FALSE -> i32(0);
            case JS_IGNORED -> null;
            // Results of calls on JavaScript objects (unreachable without any attribute) are undefined.
            case JS_UNDEFINED_INTO -> {
                m.writeI32((int) a[h.outArg], JS_KIND_UNDEFINED);
                yield h.returns ? i32(0) : null;
            }
            case JS_ERROR_INFO -> {
                m.writeI32((int) a[1], JS_KIND_UNDEFINED);
                m.writeI32((int) a[2], JS_KIND_UNDEFINED);
                yield null;
            }
            case JS_ROUND_TRIP -> {
                roundTrip(m, (int) a[0]);
                yield null;
            }
        };
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

    private static WasmFunctionHandle unexpected(String name) {
        return (inst, args) -> {
            throw new BoardFailure(name + " needs a JavaScript host, which virtual:micropython does not have");
        };
    }

    private static long[] i32(int value) {
        return new long[] {value};
    }
}
