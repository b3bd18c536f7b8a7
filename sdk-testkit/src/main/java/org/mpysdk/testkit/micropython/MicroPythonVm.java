package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;

/**
 * One running MicroPython interpreter: a Chicory instance of the wasm with its host functions, started
 * as MicroPython's JavaScript loader starts it ({@code emscripten_stack_init}, {@code __wasm_call_ctors},
 * {@code mp_js_init}, {@code proxy_c_init}, {@code mp_js_repl_init}).
 *
 * <p>Every method except {@link #requestInterrupt()} and {@link #executing()} must run on the board's
 * thread.
 */
final class MicroPythonVm {
    /** Bit of {@code mp_js_repl_process_char}'s result: the REPL wants a soft reset (Ctrl-D, sys.exit). */
    static final int FORCED_EXIT = 0x100;
    private static final int CTRL_C = 3;

    private final ExportFunction processChar;
    private final ExportFunction keyboardInterrupt;
    private final ExportFunction interruptChar;

    private MicroPythonVm(Instance instance) {
        this.processChar = instance.export("mp_js_repl_process_char");
        this.keyboardInterrupt = instance.export("mp_sched_keyboard_interrupt");
        this.interruptChar = instance.export("mp_hal_get_interrupt_char");
    }

    /**
     * Instantiates and initialises the interpreter; the friendly REPL banner goes to the console.
     */
    static MicroPythonVm start(MicroPythonImage image, Syscalls sys, MicroPythonOptions options) {
        EmscriptenImports imports = new EmscriptenImports(sys, options.maxMemoryBytes());
        Instance instance = Instance.builder(image.module())
                .withImportValues(imports.forModule(image.module()))
                .withMachineFactory(image.machines())
                .withMemoryFactory(ByteArrayMemory::new)
                .withMemoryLimits(image.memoryLimits(options))
                .build();
        imports.bind(instance);
        instance.export("emscripten_stack_init").apply();
        instance.export("__wasm_call_ctors").apply();
        instance.export("mp_js_init").apply(options.pystackWords(), options.heapBytes());
        instance.export("proxy_c_init").apply();
        instance.export("mp_js_repl_init").apply();
        return new MicroPythonVm(instance);
    }

    /** Feeds one byte of terminal input to the REPL, running code when a line or raw block completes. */
    int processChar(int c) {
        return (int) processChar.apply(c & 0xFF)[0];
    }

    /**
     * Raises KeyboardInterrupt in the running code, from any thread: what a UART interrupt does on a
     * real board. It is a few stores into wasm memory that MicroPython's VM polls between bytecodes
     * (the C function is written to be called from a signal handler).
     */
    void requestInterrupt() {
        keyboardInterrupt.apply();
    }

    /** @return whether code is running with Ctrl-C armed as interrupt (safe from any thread) */
    boolean executing() {
        return (int) interruptChar.apply()[0] == CTRL_C;
    }
}
