package org.mpysdk.samples.cli;

import java.nio.charset.StandardCharsets;

/**
 * Watches a terminal's output for a soft reset that has finished: MicroPython's "soft reboot" line,
 * then the next friendly prompt. A mounted folder is gone from the board then and must be mounted again.
 */
final class RebootWatch {
    private static final String REBOOT = "soft reboot";
    private static final String PROMPT = ">>> ";
    private final StringBuilder tail = new StringBuilder();
    private boolean rebooting;

    /** @return whether these bytes complete a soft reset (once per reset) */
    boolean feed(byte[] bytes) {
        tail.append(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!rebooting && tail.indexOf(REBOOT) >= 0) {
            rebooting = true;
            tail.delete(0, tail.indexOf(REBOOT) + REBOOT.length());
        }
        if (rebooting && tail.indexOf(PROMPT) >= 0) {
            rebooting = false;
            tail.setLength(0);
            return true;
        }
        if (tail.length() > 64) {
            tail.delete(0, tail.length() - 64); // a line split over reads is all that needs keeping
        }
        return false;
    }
}
