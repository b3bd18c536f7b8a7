package org.mpysdk.webrepl;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.mpysdk.core.OperationCancelledException;

/**
 * Spaces out REPL input frames like the board's input buffer drains: a bucket that holds
 * {@code capacity} bytes (the buffer) and empties at {@code bytesPerSecond} (the REPL reading it). A
 * frame may leave when it fits in the bucket; otherwise the sender waits until enough has drained.
 * Idle time refills the bucket to its capacity, never beyond, so no burst exceeds the buffer.
 */
final class InputPacer {
    /** Waits for a number of nanoseconds; replaceable in tests. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long capacity;
    private final long bytesPerSecond;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    /** Bytes in the bucket (sent, not yet drained) times 1e9, to keep nanosecond precision in longs. */
    private long levelNanoBytes;
    private long lastNanos;
    private boolean started;

    InputPacer(int capacity, int bytesPerSecond) {
        this(capacity, bytesPerSecond, System::nanoTime, InputPacer::park);
    }

    InputPacer(int capacity, int bytesPerSecond, LongSupplier clock, Sleeper sleeper) {
        this.capacity = capacity;
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Blocks until a frame of {@code bytes} (at most the capacity) fits, then adds it to the bucket.
     *
     * @throws OperationCancelledException when the thread is interrupted while waiting
     */
    synchronized void awaitTurn(int bytes) throws OperationCancelledException {
        drain();
        long need = (long) bytes * 1_000_000_000L;
        long room = capacity * 1_000_000_000L - levelNanoBytes;
        if (need > room) {
            long waitNanos = ((need - room) + bytesPerSecond - 1) / bytesPerSecond;
            try {
                sleeper.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationCancelledException("sending REPL input over WebREPL");
            }
            drain();
        }
        levelNanoBytes = Math.min(capacity * 1_000_000_000L, levelNanoBytes + need);
    }

    private void drain() {
        long now = clock.getAsLong();
        if (started) {
            long drained = Math.max(0, now - lastNanos) * bytesPerSecond;
            levelNanoBytes = drained >= levelNanoBytes || drained < 0 ? 0 : levelNanoBytes - drained;
        }
        started = true;
        lastNanos = now;
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
