package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;
import java.util.function.Function;

/**
 * MicroPython's wasm, parsed and compiled to JVM bytecode, ready to start any number of boards.
 *
 * @param module the parsed module (imports, exports, memory, data)
 * @param machines makes the compiled machine of each new instance
 * @param origin where it came from, for logs and benchmarks ("build-time compiled classes" or a file)
 */
record MicroPythonImage(WasmModule module, Function<Instance, Machine> machines, String origin) {
    /** Bytes of a wasm memory page. */
    static final int PAGE = 65536;
    // Room for the C side's own allocations next to the Python heap and pystack (mp_js_init's
    // mallocs, file buffers); more is grown on demand.
    private static final int C_HEAP_SLACK = 256 * 1024;

    /**
     * The memory a board starts with: the static data plus the Python heap and pystack the options
     * ask for, instead of the 16 MiB the module declares. Emscripten's sbrk grows memory through
     * {@code emscripten_resize_heap} when it needs more, and Chicory's memory grows page by page
     * without copying, so a board costs about 2 MiB of Java heap instead of 16 and starts faster.
     *
     * @return initial and maximum pages for this board's memory
     */
    MemoryLimits memoryLimits(MicroPythonOptions options) {
        MemoryLimits declared = module.memorySection().orElseThrow().getMemory(0).limits();
        long max = Math.min(declared.maximumPages(), options.maxMemoryBytes() / PAGE);
        long needed = staticEnd(declared) + options.heapBytes() + 4L * options.pystackWords() + C_HEAP_SLACK;
        long initial = Math.min(Math.min(declared.initialPages(), max), (needed + PAGE - 1) / PAGE);
        return new MemoryLimits((int) initial, (int) max);
    }

    /** @return the end of the highest data segment at a constant address, or the declared size when one is not constant */
    private long staticEnd(MemoryLimits declared) {
        long end = 0;
        for (DataSegment s : module.dataSection().dataSegments()) {
            if (s instanceof ActiveDataSegment a) {
                List<Instruction> offset = a.offsetInstructions();
                if (offset.isEmpty() || offset.get(0).opcode() != OpCode.I32_CONST) {
                    return (long) declared.initialPages() * PAGE;
                }
                end = Math.max(end, (offset.get(0).operand(0) & 0xFFFFFFFFL) + a.data().length);
            }
        }
        return end;
    }
}
