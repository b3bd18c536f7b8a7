package org.mpysdk.testkit.esp;

/**
 * A clock that only moves when someone sleeps on it: a sleep jumps the time to its deadline at once.
 * Tests use it to check VirtualEsp's pacing and latencies exactly, without waiting and without timed
 * assertions.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).clock(clock).lineRate(true).build();
 * // ... flash something ...
 * long busyNanos = clock.nanoTime();
 * }</pre>
 */
public final class ManualClock implements LineClock {
    private long now;
    private long slept;

    /** A clock at time zero that has slept for nothing. */
    public ManualClock() {
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) {
        if (deadlineNanos > now) {
            slept += deadlineNanos - now;
            now = deadlineNanos;
        }
    }

    /**
     * Moves the time forward by {@code nanos} without anyone sleeping.
     *
     * @param nanos how far, not negative
     * @throws IllegalArgumentException when {@code nanos} is negative
     */
    public synchronized void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward");
        }
        now += nanos;
    }

    /** @return the total nanoseconds that sleeps jumped over */
    public synchronized long sleptNanos() {
        return slept;
    }
}
