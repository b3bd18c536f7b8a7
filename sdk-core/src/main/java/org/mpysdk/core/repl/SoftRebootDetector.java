package org.mpysdk.core.repl;

import java.nio.charset.StandardCharsets;

/**
 * Recognises, in the bytes of one raw REPL reply, that the code soft-reset the board ({@code sys.exit()},
 * {@code machine.soft_reset()}), so the exec can end at once instead of waiting out its timeout.
 *
 * <p>What MicroPython prints then (1.27 wasm, 1.29 qemu and the ESP ports alike): the end-of-output and
 * end-of-error {@code \x04}s of the reply, but no final {@code >}; then the port's reboot line
 * ({@code MPY: soft reboot}, {@code PYB: soft reboot} on older ports) right after them; then whatever
 * {@code boot.py} prints; then the raw REPL banner {@code raw REPL; CTRL-B to exit\r\n>} (the mode
 * survives the reset), or the friendly {@code >>> } on firmware that drops back to it. v1.9.2 (the
 * micro:bit) does not reset on {@code sys.exit()} and ends the reply normally.
 *
 * <p>The reboot line counts only within a few bytes after a {@code \x04}, so ordinary output that
 * mentions a soft reboot is not mistaken for one. Cheap on long output: bytes are only looked at
 * closely after a {@code \x04}, and the banner is checked only on its last byte.
 *
 * <p>Not thread-safe: one reply, one reader.
 */
final class SoftRebootDetector {
    private static final byte EOT = 0x04;
    private static final byte[] REBOOT = "soft reboot".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRIENDLY_PROMPT = "\n>>> ".getBytes(StandardCharsets.US_ASCII);
    /** How far after a {@code \x04} the reboot line must end ({@code "\r\nMPY: soft reboot"} and some slack). */
    private static final int REBOOT_WINDOW = 32;

    private final byte[] ring = new byte[64];
    private int ringPos;
    /** Bytes since the last {@code \x04}, or -1 when none is near enough to matter. */
    private int sinceEot = -1;
    private boolean rebootSeen;
    private boolean detected;

    /**
     * Looks at more bytes of the reply.
     *
     * @param buf bytes as they arrived
     * @param off where they start
     * @param len how many
     */
    void feed(byte[] buf, int off, int len) {
        for (int i = off; i < off + len && !detected; i++) {
            byte b = buf[i];
            if (!rebootSeen && sinceEot < 0) {
                if (b == EOT) {
                    sinceEot = 0;
                }
                continue; // the common case: plain output, nothing to remember
            }
            ring[ringPos] = b;
            ringPos = (ringPos + 1) % ring.length;
            if (b == EOT) {
                sinceEot = 0;
                continue;
            }
            if (!rebootSeen) {
                sinceEot++;
                if (b == 't' && endsWith(REBOOT)) {
                    rebootSeen = true;
                } else if (sinceEot > REBOOT_WINDOW) {
                    sinceEot = -1;
                }
            } else if (b == '>' && endsWith(RAW_BANNER) || b == ' ' && endsWith(FRIENDLY_PROMPT)) {
                detected = true;
            }
        }
    }

    /** @return whether the board has soft-reset and is waiting at a prompt again */
    boolean detected() {
        return detected;
    }

    /** @return whether the reboot line has arrived (the prompt may still be to come) */
    boolean rebooting() {
        return rebootSeen;
    }

    private boolean endsWith(byte[] pattern) {
        for (int k = 1; k <= pattern.length; k++) {
            if (ring[Math.floorMod(ringPos - k, ring.length)] != pattern[pattern.length - k]) {
                return false;
            }
        }
        return true;
    }
}
