package org.mpysdk.testkit.esp;

import java.util.concurrent.locks.LockSupport;

/**
 * The time source and sleeper behind VirtualEsp's line rate and flash latencies. The system clock parks
 * the thread until the deadline (no busy waiting); {@link ManualClock} lets a test run the same code in
 * virtual time and read off exactly how long the line was busy.
 */
public interface LineClock {

    /** @return the current time in nanoseconds on a monotonic scale */
    long nanoTime();

    /**
     * Returns once {@link #nanoTime()} has reached {@code deadlineNanos} (at once if it has).
     *
     * @param deadlineNanos a point on the {@link #nanoTime()} scale
     * @throws InterruptedException when the thread is interrupted while waiting (the virtual chip is closing)
     */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    /**
     * Sleeps for {@code nanos} from now.
     *
     * @param nanos how long; 0 or less returns at once
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    default void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            sleepUntil(nanoTime() + nanos);
        }
    }

    /** @return the real monotonic clock; sleeps park the thread */
    static LineClock system() {
        return SystemLineClock.INSTANCE;
    }

    /** The real clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
    final class SystemLineClock implements LineClock {
        static final SystemLineClock INSTANCE = new SystemLineClock();

        private SystemLineClock() {
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                // parkNanos may return early (spurious wake-ups); the loop re-parks for what is left.
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("virtual ESP line stopped");
                }
            }
        }
    }
}
