package org.mpysdk.testkit.internal.esp;

import org.mpysdk.testkit.esp.VirtualEsp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mpysdk.testkit.Peers;

/**
 * Finds the npm package esptool-js that {@code .ci/run} installs into {@code sdk-testkit/node}: its
 * directory (for node scripts) and its stub flasher images ({@code lib/targets/stub_flasher/*.json},
 * esptool's JSON format), which flasher tests upload to a {@link VirtualEsp}.
 *
 * <p>Lookup: the system property {@code mpysdk.esptoolJsDir} (the package directory) or
 * {@code mpysdk.stubDir} (the stub directory), else {@code node/node_modules/esptool-js} or
 * {@code sdk-testkit/node/node_modules/esptool-js} under the working directory or its parents (Surefire
 * runs in the module directory, an IDE often in the repository root).
 *
 * <pre>{@code
 * Peers.require(EsptoolJsPackage.stubDir().isPresent(), EsptoolJsPackage.INSTALL_HINT);
 * Path esp32Stub = EsptoolJsPackage.stubDir().orElseThrow().resolve("esp32.json");
 * }</pre>
 */
public final class EsptoolJsPackage {
    /** How to install the package, for {@link Peers#require}. */
    public static final String INSTALL_HINT = "npm package esptool-js in sdk-testkit/node "
            + "(cd sdk-testkit/node && npm ci), and node 20+ on the PATH";

    private EsptoolJsPackage() {
    }

    /** @return the esptool-js package directory (holding {@code lib/index.js}), if installed */
    public static Optional<Path> esptoolJsDir() {
        String configured = System.getProperty("mpysdk.esptoolJsDir");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isRegularFile(dir.resolve("lib/index.js")) ? Optional.of(dir) : Optional.empty();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            for (String candidate : new String[] {"node/node_modules/esptool-js", "sdk-testkit/node/node_modules/esptool-js"}) {
                Path p = dir.resolve(candidate);
                if (Files.isRegularFile(p.resolve("lib/index.js"))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** @return the directory of esptool-js's stub JSON files ({@code esp32.json}, {@code esp8266.json}, ...), if installed */
    public static Optional<Path> stubDir() {
        String configured = System.getProperty("mpysdk.stubDir");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isRegularFile(dir.resolve("esp32.json")) ? Optional.of(dir) : Optional.empty();
        }
        return esptoolJsDir().map(d -> d.resolve("lib/targets/stub_flasher")).filter(d -> Files.isRegularFile(d.resolve("esp32.json")));
    }

    /** @return whether node is on the PATH and esptool-js is installed */
    public static boolean available() {
        return Peers.onPath("node") && esptoolJsDir().isPresent();
    }
}
