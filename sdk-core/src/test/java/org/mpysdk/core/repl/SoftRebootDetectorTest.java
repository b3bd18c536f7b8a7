package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Soft resets as real firmware prints them, split at every point; and output that only looks like one. */
class SoftRebootDetectorTest {
    // Recorded: `print('x'); sys.exit()` in the raw REPL.
    private static final String V127_WASM = "OKx\n\u0004\u0004MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>";
    private static final String V129_QEMU = "OKx\r\n\u0004\u0004MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>";
    // ESP32 (ports/esp32/main.c): the reboot line, then boot.py's output, then the raw banner.
    private static final String ESP32_WITH_BOOT_PY = "OK\u0004\u0004MPY: soft reboot\r\nconnecting to wifi...\r\n"
            + "x".repeat(300) + "\r\nraw REPL; CTRL-B to exit\r\n>";
    private static final String FRIENDLY_AFTER = "OK\u0004\u0004PYB: soft reboot\r\nMicroPython v1.20 on 2023-04-26\r\n>>> ";

    private static boolean detects(String reply, int split) {
        byte[] b = reply.getBytes(StandardCharsets.ISO_8859_1);
        SoftRebootDetector d = new SoftRebootDetector();
        d.feed(b, 0, split);
        d.feed(b, split, b.length - split);
        return d.detected();
    }

    @Test
    void recognisesEachFirmwaresSoftResetHoweverTheBytesAreSplit() {
        for (String reply : new String[] {V127_WASM, V129_QEMU, ESP32_WITH_BOOT_PY, FRIENDLY_AFTER}) {
            for (int split = 0; split <= reply.length(); split++) {
                assertTrue(detects(reply, split), reply + " split at " + split);
            }
        }
    }

    @Test
    void waitsForThePrompt() {
        assertFalse(detects("OK\u0004\u0004MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n", 3));
    }

    @Test
    void ordinaryOutputIsNotAReset() {
        // A normal reply, output that talks about soft reboots, and a reboot line far from any EOT.
        assertFalse(detects("OKhello\r\n\u0004\u0004>", 5));
        assertFalse(detects("OKMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>", 5));
        assertFalse(detects("OK\u0004" + "y".repeat(40) + "MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>", 5));
    }
}
