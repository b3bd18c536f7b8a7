package org.mpysdk.core;

/** A failure of the byte link itself: the port, socket or WebSocket under a board. */
public class TransportException extends BoardException {
    /** @param message what happened and what to do about it */
    public TransportException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause the underlying failure
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
