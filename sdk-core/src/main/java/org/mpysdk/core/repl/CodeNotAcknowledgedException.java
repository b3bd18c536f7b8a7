package org.mpysdk.core.repl;

/**
 * The board did not answer {@code OK} to code sent in the plain raw REPL: the end-of-code byte was
 * lost (a board with a small input buffer drops bytes when busy) or the board stopped answering. The
 * code did not run; the REPL has been re-entered, so sending it again is safe.
 */
public class CodeNotAcknowledgedException extends ReplProtocolException {
    /** @param message what was sent, how long was waited, and what to try */
    public CodeNotAcknowledgedException(String message) {
        super(message);
    }
}
