package org.mpysdk.core;

/**
 * The link went away: the peer closed it, the cable was pulled, or {@link Transport#close()} was called
 * while a caller waited. A waiting read ends with this exception; it never hangs.
 */
public class TransportClosedException extends TransportException {
    /** @param message which link closed and, where known, why */
    public TransportClosedException(String message) {
        super(message);
    }

    /**
     * @param message which link closed and, where known, why
     * @param cause the underlying failure
     */
    public TransportClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
