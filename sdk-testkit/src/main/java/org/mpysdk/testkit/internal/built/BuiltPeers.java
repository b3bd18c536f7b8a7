package org.mpysdk.testkit.internal.built;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Peers built from public source once per machine (Espressif's QEMU with the real ESP32 and ESP32-C3
 * mask ROMs, esptool 4.8.1's stub flasher, MicroPython 1.29): they live under {@code $MPYSDK_PEERS}
 * (default {@code ~/.cache/mpysdk-peers}). A CI machine cannot build them, so a test that needs one is
 * skipped where it is missing, even under {@code CI=true}, with a message saying how to build it; the
 * recorded transcripts of these peers replay in CI instead ({@code org.mpysdk.testkit.transcript}).
 *
 * <pre>{@code
 * @Tag(BuiltPeers.TAG)
 * class RealRomTest {
 *     @Test void flashes() { Path qemu = BuiltPeers.require(BuiltPeers.espQemu(), BuiltPeers.ESP_QEMU_HINT); }
 * }
 * }</pre>
 */
public final class BuiltPeers {
    /** JUnit tag of tests that talk to a built peer. */
    public static final String TAG = "built-peer";
    /** Environment variable naming the folder the built peers are in. */
    public static final String ENVIRONMENT = "MPYSDK_PEERS";
    /** Environment variable naming an esptool v4.8.1 source tree (default {@code $MPYSDK_PEERS/esptool-4.8.1}). */
    public static final String ESPTOOL_ENVIRONMENT = "MPYSDK_ESPTOOL";
    /** How to get the ESP ROM emulator. */
    public static final String ESP_QEMU_HINT = "Espressif's QEMU with the real ESP32/ESP32-C3 ROMs: fetch antmak/qemu and "
            + "qemu/keycodemapdb, then run ../shared/peers/build-esp-qemu QEMU_GIT KEYCODEMAPDB_GIT (about 10 min); "
            + "it installs into $MPYSDK_PEERS/esp-qemu (see docs/testing.md)";
    /** How to get esptool's own stub set. */
    public static final String ESPTOOL_HINT = "esptool v4.8.1's source tree: fetch espressif/esptool and unpack its tag "
            + "v4.8.1 into $MPYSDK_PEERS/esptool-4.8.1 (or set MPYSDK_ESPTOOL to such a tree); the tests read the "
            + "stubs in esptool/targets/stub_flasher/1 from there and never copy them (see docs/testing.md)";

    /** Environment variable naming the folder with the peer scripts ({@code mp-webrepl-server}, ...). */
    public static final String SCRIPTS_ENVIRONMENT = "MPYSDK_PEER_SCRIPTS";
    /** How to get MicroPython's own WebREPL server. */
    public static final String WEBREPL_SERVER_HINT = "MicroPython's own WebREPL server (unix port with _webrepl and "
            + "websocket, micropython-lib's webrepl.py): fetch micropython/micropython, micropython/micropython-lib and "
            + "micropython/axtls, then run ../shared/peers/build-micropython MP_GIT LIB_GIT AXTLS_GIT (about 2 min); it "
            + "builds $MPYSDK_PEERS/micropython/ports/unix/build-webrepl/micropython, started by "
            + "../shared/peers/mp-webrepl-server (or $MPYSDK_PEER_SCRIPTS/mp-webrepl-server; see docs/testing.md)";

    private BuiltPeers() {
    }

    /** @return {@code $MPYSDK_PEERS}, or {@code ~/.cache/mpysdk-peers} */
    public static Path root() {
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "mpysdk-peers");
    }

    /** @return the folder with Espressif's QEMU ({@code bin/qemu-system-xtensa}, {@code share/qemu}), if built */
    public static Optional<Path> espQemu() {
        Path dir = root().resolve("esp-qemu");
        return Files.isExecutable(dir.resolve("bin/qemu-system-xtensa")) ? Optional.of(dir) : Optional.empty();
    }

    /** @return the esptool v4.8.1 source tree, if present */
    public static Optional<Path> esptool() {
        String env = System.getenv(ESPTOOL_ENVIRONMENT);
        Path dir = env != null && !env.isBlank() ? Path.of(env) : root().resolve("esptool-4.8.1");
        return Files.isRegularFile(dir.resolve("esptool/loader.py")) ? Optional.of(dir) : Optional.empty();
    }

    /** @return esptool 4.8.1's {@code 1/} stub folder (the set that runs in Espressif's QEMU), if present */
    public static Optional<Path> esptoolStubs() {
        return esptool().map(d -> d.resolve("esptool/targets/stub_flasher/1")).filter(Files::isDirectory);
    }

    /**
     * @return the {@code mp-webrepl-server} script, when it and the unix-port MicroPython it starts are
     *     built: {@code $MPYSDK_PEER_SCRIPTS}, else {@code shared/peers} beside this checkout or one of its
     *     parent folders (the steering repository's {@code ../shared/peers})
     */
    public static Optional<Path> webReplServerScript() {
        if (!Files.isExecutable(root().resolve("micropython/ports/unix/build-webrepl/micropython"))) {
            return Optional.empty();
        }
        String env = System.getenv(SCRIPTS_ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env).resolve("mp-webrepl-server");
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/peers/mp-webrepl-server");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * @param peer what was found
     * @param hint how to build it, for the skip message
     * @param <T> the peer's handle
     * @return the peer, when present
     * @throws org.opentest4j.TestAbortedException (the test is skipped) when it is missing
     */
    public static <T> T require(Optional<T> peer, String hint) {
        Assumptions.assumeTrue(peer.isPresent(), () -> "built peer missing, skipped (CI cannot build it; its recorded "
                + "transcript replays instead): " + hint);
        return peer.orElseThrow();
    }
}
