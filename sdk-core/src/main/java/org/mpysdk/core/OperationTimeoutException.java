package org.mpysdk.core;

import java.time.Duration;

/** A wait ran past its deadline. The message says what was awaited and for how long. */
public class OperationTimeoutException extends BoardException {
    /** The time that was allowed, for callers that retry with a longer one. */
    private final Duration timeout;

    /**
     * @param message what was awaited and what to try
     * @param timeout the deadline that passed
     */
    public OperationTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    /** @return the time that was allowed */
    public Duration timeout() {
        return timeout;
    }
}
