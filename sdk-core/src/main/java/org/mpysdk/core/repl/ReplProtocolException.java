package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/**
 * The board answered something the raw REPL protocol does not allow (no {@code OK} after code, a bad
 * raw-paste reply, a REPL that could not be entered). The message shows what arrived.
 */
public class ReplProtocolException extends BoardException {
    /** @param message what arrived, what was expected, and what to try */
    public ReplProtocolException(String message) {
        super(message);
    }

    /**
     * @param message what arrived, what was expected, and what to try
     * @param cause the underlying failure
     */
    public ReplProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
