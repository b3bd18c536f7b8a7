package org.mpysdk.testkit.micropython;

/**
 * Follows the REPL mode through the input the board consumes, for two things the interpreter alone
 * does not do right on this port:
 *
 * <ul>
 * <li>raw-paste: this build's event-driven raw REPL answers {@code \x05A\x01} by reading the code from
 * stdin, which the wasm build stubs to endless zero bytes, so it would hang for ever. The tracker turns
 * the request into {@code \x05B\x01}, which the same firmware code answers with {@code R\x00} ("raw-paste
 * not supported") and the raw prompt, so clients fall back to the plain raw REPL at once;
 * <li>the mode to come back in after a soft reset (raw REPL stays raw, as on a real board).
 * </ul>
 */
final class RawReplTracker {
    private static final int CTRL_A = 1;
    private static final int CTRL_B = 2;
    private static final int CTRL_C = 3;
    private static final int CTRL_D = 4;
    private static final int CTRL_E = 5;

    private boolean raw;
    private int lineLength;
    private boolean pasteRequest;

    /** @return the byte to feed the interpreter for the next input byte {@code c} */
    int translate(int c) {
        int out = c;
        if (raw && pasteRequest && lineLength == 1 && c == 'A') {
            out = 'B';
        }
        pasteRequest = raw && lineLength == 0 && c == CTRL_E;
        switch (c) {
            case CTRL_A -> {
                raw = true;
                lineLength = 0;
            }
            case CTRL_B -> {
                raw = false;
                lineLength = 0;
            }
            case CTRL_C, CTRL_D -> lineLength = 0;
            default -> lineLength++;
        }
        return out;
    }

    /** @return whether the board is in the raw REPL, as far as the input shows */
    boolean raw() {
        return raw;
    }
}
