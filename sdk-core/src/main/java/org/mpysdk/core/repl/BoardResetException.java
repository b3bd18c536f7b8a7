package org.mpysdk.core.repl;

/**
 * The board rebooted while code was running (its start-up banner and the friendly {@code >>> } prompt
 * appeared in the output): the code's effects are unknown. The next call re-enters the raw REPL.
 */
public class BoardResetException extends ReplProtocolException {
    /** @param message what was running and what arrived */
    public BoardResetException(String message) {
        super(message);
    }
}
