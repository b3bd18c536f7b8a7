package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * MicroPython's wasm, parsed and compiled to JVM bytecode, ready to start any number of boards.
 *
 * @param module the parsed module (imports, exports, memory, data)
 * @param machines makes the compiled machine of each new instance
 * @param origin where it came from, for logs and benchmarks ("build-time compiled classes" or a file)
 */
record MicroPythonImage(WasmModule module, Function<Instance, Machine> machines, String origin) {
}
