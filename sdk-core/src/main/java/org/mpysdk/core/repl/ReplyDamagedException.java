package org.mpysdk.core.repl;

/**
 * The board ran the code, but its reply was damaged on the way back (its {@code OK} lost, say), so what
 * the code printed cannot be trusted and whether it finished is unknown. The code is not sent again:
 * running it twice could be worse than once. The REPL has been re-entered and stays usable.
 */
public class ReplyDamagedException extends ReplProtocolException {
    /** @param message what ran, what arrived instead of the reply, and what state the board is in */
    public ReplyDamagedException(String message) {
        super(message);
    }
}
