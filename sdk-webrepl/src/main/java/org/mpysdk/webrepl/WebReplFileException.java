package org.mpysdk.webrepl;

import org.mpysdk.core.BoardException;

/**
 * A WebREPL file transfer failed: the name does not fit the protocol, the board answered with a
 * non-zero status, or it dropped the connection mid-operation (the protocol has no error replies: a
 * board that cannot open a file ends the session instead).
 */
public class WebReplFileException extends BoardException {
    /** @param message what failed, how far it got and what to do */
    public WebReplFileException(String message) {
        super(message);
    }

    /**
     * @param message what failed, how far it got and what to do
     * @param cause the underlying failure
     */
    public WebReplFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
