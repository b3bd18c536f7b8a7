package org.mpysdk.core;

/**
 * The caller cancelled a long operation (through {@link Cancellation#cancel()} or a thread interrupt).
 * The message says how far the operation got, so nothing is left half-done silently.
 */
public class OperationCancelledException extends BoardException {
    /** @param message what was cancelled and what state it left */
    public OperationCancelledException(String message) {
        super(message);
    }
}
