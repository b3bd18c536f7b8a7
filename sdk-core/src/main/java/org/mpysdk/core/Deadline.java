package org.mpysdk.core;

import java.time.Duration;

/**
 * A point in time a wait must not pass, on the monotonic clock. Loops that read repeatedly use one
 * deadline for the whole wait, so a board that prints without pause cannot stretch it.
 *
 * @param endNanos {@link System#nanoTime()} at which the deadline passes
 * @param budget the whole time allowed, for messages
 */
public record Deadline(long endNanos, Duration budget) {

    /**
     * @param timeout the whole time the wait may take
     * @return a deadline {@code timeout} from now
     */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** @return milliseconds left, at least 0 */
    public long remainingMillis() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, left / 1_000_000);
    }

    /** @return whether the deadline has passed */
    public boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    /**
     * @param what what was awaited, for the message
     * @throws OperationTimeoutException when the deadline has passed
     */
    public void check(String what) throws OperationTimeoutException {
        if (expired()) {
            throw new OperationTimeoutException("timed out after " + budget.toMillis() + " ms waiting for " + what, budget);
        }
    }
}
