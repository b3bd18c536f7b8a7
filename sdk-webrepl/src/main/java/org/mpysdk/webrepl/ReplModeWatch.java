package org.mpysdk.webrepl;

import java.nio.charset.StandardCharsets;
import org.mpysdk.core.internal.Bytes;

/**
 * Follows which REPL mode this client has put the board in, from the bytes passing through: the raw
 * REPL's banner in the output means raw mode, a Ctrl-B in the input means the friendly REPL again.
 *
 * <p>Why: the board keeps its REPL mode across WebREPL sessions. After a reconnect the transport puts
 * the board back in the mode its own client expects (a {@code Repl} that had entered raw mode still
 * believes it is there), and a fresh session starts at the friendly REPL whatever an earlier client left.
 */
final class ReplModeWatch {
    static final byte[] RAW_BANNER = "raw REPL; CTRL-B to exit\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte CTRL_B = 0x02;

    private final byte[] tail = new byte[RAW_BANNER.length - 1];
    private int tailLength;
    private boolean raw;

    /** @return whether the client last left the board in the raw REPL */
    synchronized boolean raw() {
        return raw;
    }

    /** Notes bytes the board sent. */
    synchronized void output(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        byte[] window = new byte[tailLength + len];
        System.arraycopy(tail, 0, window, 0, tailLength);
        System.arraycopy(b, off, window, tailLength, len);
        if (Bytes.indexOf(window, RAW_BANNER, 0) >= 0) {
            raw = true;
        }
        tailLength = Math.min(tail.length, window.length);
        System.arraycopy(window, window.length - tailLength, tail, 0, tailLength);
    }

    /** Notes bytes this client sent. */
    synchronized void input(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == CTRL_B) {
                raw = false;
                tailLength = 0;
            }
        }
    }
}
