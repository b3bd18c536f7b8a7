package org.mpysdk.testkit.micropython;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mpysdk.Board;

/**
 * Gives a virtual board (which has no radio) a scripted {@code network} module, and a {@code webrepl}
 * module whose {@code start()} only counts, so Wi-Fi code can be tested on it. They are Python files
 * put into the board's filesystem ({@code /network.py}, {@code /webrepl.py}); the model's constants are
 * those of the ESP8266 port.
 *
 * <pre>{@code
 * NetworkStub.install(board, NetworkStub.Mode.CONNECTS, 3);   // isconnected() is true from the 4th look
 * board.repl().eval("__import__('network').calls");        // what the code did: ['active(True)', 'connect']
 * board.repl().exec("import network\nnetwork.AP_SSID = 'Caf\u00e9'");  // what config('ssid') answers on AP_IF
 * }</pre>
 */
public final class NetworkStub {
    /** How the station interface behaves after {@code connect()}. */
    public enum Mode {
        /** Connected with 192.168.1.42 after the given number of {@code isconnected()} looks. */
        CONNECTS("connects"),
        /** {@code status()} is {@code STAT_CONNECTING} for ever. */
        NEVER("never"),
        /** {@code status()} is {@code STAT_WRONG_PASSWORD}. */
        WRONG_PASSWORD("wrong_password"),
        /** {@code status()} is {@code STAT_NO_AP_FOUND}. */
        NO_AP("no_ap"),
        /** {@code status()} is {@code STAT_CONNECT_FAIL}. */
        CONNECT_FAIL("connect_fail");

        private final String python;

        Mode(String python) {
            this.python = python;
        }
    }

    private NetworkStub() {
    }

    /**
     * @param board a virtual board (any board whose filesystem the REPL can write)
     * @param mode how connecting goes
     * @param polls for {@link Mode#CONNECTS}: how many {@code isconnected()} calls return false first
     * @throws IOException when the files cannot be put
     */
    public static void install(Board board, Mode mode, int polls) throws IOException {
        String network = resource("network_stub.py")
                .replace("MODE = 'connects'", "MODE = '" + mode.python + "'")
                .replace("POLLS = 3", "POLLS = " + polls);
        board.repl().files().put(network.getBytes(StandardCharsets.UTF_8), "/network.py");
        board.repl().files().put(resource("webrepl_stub.py").getBytes(StandardCharsets.UTF_8), "/webrepl.py");
    }

    private static String resource(String name) {
        try (InputStream in = NetworkStub.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the testkit's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
