package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.LoggerFactory;

/**
 * Gives the compiled MicroPython image, compiling at most once per JVM:
 *
 * <ol>
 * <li>a wasm file named by {@value MicroPythonWasm#PROPERTY} is compiled at run time;
 * <li>else the classes that {@code chicory-compiler-maven-plugin} generated at build time
 * ({@value #BUILD_TIME_CLASS}), when the build found the wasm;
 * <li>else the wasm that {@link MicroPythonWasm#find()} finds, compiled at run time (about a second).
 * </ol>
 */
final class MicroPythonImages {
    /** The class the build-time compiler generates (see the {@code micropython-wasm} profile of sdk-testkit). */
    static final String BUILD_TIME_CLASS = "org.mpysdk.testkit.micropython.compiled.MicroPythonModule";

    // Compiling MicroPython takes about a second; boards opened through the ServiceLoader have no
    // other place to share the result, so the JVM keeps one compiled image per source. It only grows
    // by the number of distinct wasm files used, and holds no per-board state.
    private static final ConcurrentMap<String, MicroPythonImage> CACHE = new ConcurrentHashMap<>();

    private MicroPythonImages() {
    }

    /**
     * @return the image to start boards from
     * @throws MicroPythonUnavailableException when no compiled classes and no wasm file are available
     */
    static MicroPythonImage get() throws MicroPythonUnavailableException {
        if (!MicroPythonWasm.explicit()) {
            Optional<MicroPythonImage> built = buildTime();
            if (built.isPresent()) {
                return built.get();
            }
        }
        Path wasm = MicroPythonWasm.find()
                .orElseThrow(() -> new MicroPythonUnavailableException(MicroPythonWasm.howToGet()));
        return fromFile(wasm);
    }

    /** @return the image compiled at run time from a wasm file */
    static MicroPythonImage fromFile(Path wasm) throws MicroPythonUnavailableException {
        String key;
        try {
            key = wasm.toAbsolutePath().normalize() + "|" + Files.size(wasm) + "|" + Files.getLastModifiedTime(wasm).toMillis();
        } catch (java.io.IOException e) {
            throw new MicroPythonUnavailableException("cannot read " + wasm + ": " + e.getMessage(), e);
        }
        try {
            return CACHE.computeIfAbsent(key, k -> {
                long t0 = System.nanoTime();
                WasmModule module = Parser.parse(wasm);
                MicroPythonImage image = new MicroPythonImage(module, MachineFactoryCompiler.compile(module), wasm.toString());
                LoggerFactory.getLogger(MicroPythonImages.class).debug("compiled {} at run time in {} ms", wasm, (System.nanoTime() - t0) / 1_000_000);
                return image;
            });
        } catch (NoClassDefFoundError e) {
            // The run-time compiler is an optional dependency of the testkit (the compiled-in MicroPython needs none).
            throw new MicroPythonUnavailableException("compiling " + wasm + " at run time needs Chicory's compiler on the"
                    + " class path: add the dependency com.dylibso.chicory:compiler (the version of com.dylibso.chicory:runtime)"
                    + " to your build, or drop " + MicroPythonWasm.PROPERTY + " to use the MicroPython built into the testkit", e);
        } catch (RuntimeException e) {
            throw new MicroPythonUnavailableException("cannot load MicroPython's wasm from " + wasm + ": " + e
                    + " (is it the " + MicroPythonWasm.PACKAGE + "@" + MicroPythonWasm.VERSION + " file?)", e);
        }
    }

    private static MicroPythonImage loadBuildTime(Class<?> type) {
        long t0 = System.nanoTime();
        try {
            CompiledModule compiled = (CompiledModule) type.getDeclaredConstructor().newInstance();
            WasmModule module = BuildTimeModule.read(type).orElseGet(compiled::wasmModule);
            LoggerFactory.getLogger(MicroPythonImages.class).debug("loaded the build-time compiled classes in {} ms",
                    (System.nanoTime() - t0) / 1_000_000);
            return new MicroPythonImage(module, compiled.machineFactory(), "build-time compiled classes");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<MicroPythonImage> buildTime() throws MicroPythonUnavailableException {
        Class<?> type;
        try {
            type = Class.forName(BUILD_TIME_CLASS, false, MicroPythonImages.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(CACHE.computeIfAbsent(BUILD_TIME_CLASS, k -> loadBuildTime(type)));
        } catch (RuntimeException e) {
            throw new MicroPythonUnavailableException("the build-time compiled MicroPython classes (" + BUILD_TIME_CLASS
                    + ") do not load: " + e + "; rebuild sdk-testkit", e);
        }
    }
}
