package org.mpysdk.webrepl;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.mpysdk.core.OperationCancelledException;

/**
 * Spaces out REPL input frames so that, on average, no more than a set number of bytes per second
 * reach the board: after a frame of {@code n} bytes the next may leave {@code n / rate} seconds later.
 * An idle link sends its first frame at once.
 */
final class InputPacer {
    /** Waits for a number of nanoseconds; replaceable in tests. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long earliestNext;
    private boolean started;

    InputPacer(int bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime, InputPacer::park);
    }

    InputPacer(int bytesPerSecond, LongSupplier clock, Sleeper sleeper) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Blocks until a frame of {@code bytes} may be sent, then books its share of time.
     *
     * @throws OperationCancelledException when the thread is interrupted while waiting
     */
    synchronized void awaitTurn(int bytes) throws OperationCancelledException {
        long now = clock.getAsLong();
        if (started && now - earliestNext < 0) {
            try {
                sleeper.sleepNanos(earliestNext - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationCancelledException("sending REPL input over WebREPL");
            }
            now = clock.getAsLong();
        }
        long base = started && earliestNext - now > 0 ? earliestNext : now;
        earliestNext = base + bytes * 1_000_000_000L / bytesPerSecond;
        started = true;
    }

    private static void park(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
