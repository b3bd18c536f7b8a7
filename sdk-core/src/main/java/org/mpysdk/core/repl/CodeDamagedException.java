package org.mpysdk.core.repl;

/**
 * The code reached the board damaged every time it was sent (its length or hash did not match what was
 * sent), so the board never ran it. The link loses or changes bytes: a worn cable, a baud rate the
 * board's clock cannot hold, a board too busy to empty its input buffer. The REPL stays usable.
 */
public class CodeDamagedException extends ReplProtocolException {
    /** @param message what was sent, how often, and what to try */
    public CodeDamagedException(String message) {
        super(message);
    }
}
