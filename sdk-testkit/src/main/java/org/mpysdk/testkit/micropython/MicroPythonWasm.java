package org.mpysdk.testkit.micropython;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code micropython.wasm}, MicroPython's official WebAssembly build (npm package
 * {@value #PACKAGE} version {@value #VERSION}), on this machine:
 *
 * <ol>
 * <li>the system property {@value #PROPERTY}, or the environment variable {@value #ENV};
 * <li>{@value #RELATIVE} under {@code sdk-testkit/wasm/} (what {@code scripts/install-peers} fills),
 * looked for from the working directory and up to three parents.
 * </ol>
 */
final class MicroPythonWasm {
    /** The npm package holding the wasm. */
    public static final String PACKAGE = "@micropython/micropython-webassembly-pyscript";
    /** The version this testkit is written and tested against. */
    public static final String VERSION = "1.27.0";
    /** System property naming the wasm file. */
    public static final String PROPERTY = "mpysdk.micropythonWasm";
    /** Environment variable naming the wasm file. */
    public static final String ENV = "MPYSDK_MICROPYTHON_WASM";
    /** Where npm puts the file, relative to the folder holding package.json. */
    public static final String RELATIVE = "node_modules/" + PACKAGE + "/micropython.wasm";

    private MicroPythonWasm() {
    }

    /** @return the wasm file, if found */
    public static Optional<Path> find() {
        String given = System.getProperty(PROPERTY, System.getenv(ENV));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path candidate : candidates()) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** @return whether a wasm file was named explicitly (property or environment) */
    public static boolean explicit() {
        String given = System.getProperty(PROPERTY, System.getenv(ENV));
        return given != null && !given.isBlank();
    }

    /** @return how to get the wasm, for messages */
    public static String howToGet() {
        String given = System.getProperty(PROPERTY, System.getenv(ENV));
        String where = given != null && !given.isBlank()
                ? PROPERTY + "/" + ENV + " names " + given + ", which is not a file"
                : "looked for " + RELATIVE + " under sdk-testkit/wasm from " + Path.of("").toAbsolutePath();
        return "MicroPython's WebAssembly build was not found (" + where + "). Get it with "
                + "'bash scripts/install-peers' (npm install in sdk-testkit/wasm), or 'npm pack " + PACKAGE + "@"
                + VERSION + "' and unpack it, then pass the path of micropython.wasm as -D" + PROPERTY + "=PATH";
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            out.add(dir.resolve("wasm").resolve(RELATIVE));
            out.add(dir.resolve("sdk-testkit/wasm").resolve(RELATIVE));
        }
        return out;
    }
}
