package org.mpysdk.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose real peer (socat, QEMU, ser2net, node and an npm package) is missing, with a
 * message saying how to install it; under {@code CI=true} a missing peer fails the test instead,
 * because CI installs every peer and a skip there would hide a broken set-up.
 *
 * <pre>{@code
 * Peers.require(Peers.onPath("socat"), "socat (apt-get install socat)");
 * }</pre>
 */
public final class Peers {
    /** The JUnit tag carried by every test that needs a peer. */
    public static final String TAG = "peer";

    private Peers() {
    }

    /** @return whether CI=true is set, in which case missing peers fail */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * @param available whether the peer is there
     * @param what the peer and how to install it, for the message
     */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        String message = "peer missing: " + what + " (bash .ci/run installs every peer)";
        if (inCi()) {
            Assertions.fail(message + "; CI=true, so a missing peer is a failure");
        }
        Assumptions.abort(message);
    }

    /**
     * @param executable a program name such as {@code socat} or {@code qemu-system-arm}
     * @return whether an executable of that name is on the PATH
     */
    public static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
