package org.mpysdk.testkit.loss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps cores busy for a test, so it runs on a loaded machine: {@code threads} daemon threads spin on
 * arithmetic until {@link #close()} or until the time limit passes, whichever comes first, so a burner
 * a test forgets to close still stops.
 *
 * <pre>{@code
 * try (CpuBurner burner = CpuBurner.start(Runtime.getRuntime().availableProcessors(), Duration.ofMinutes(2))) {
 *     // the code under test competes with the burner for every core
 * }
 * }</pre>
 */
public final class CpuBurner implements AutoCloseable {
    /** How many spins pass between two looks at the clock and the stop flag. */
    private static final int SPINS_PER_CHECK = 1 << 16;

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong spins = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final long stopAtNanos;
    private volatile boolean stopped;
    private volatile long closedAtNanos;
    private volatile long sink;

    /**
     * What a burner did.
     *
     * @param threads how many threads spun
     * @param spins the spins they made together (each a few arithmetic operations)
     * @param ran how long from start to stop (or until now, while it runs)
     */
    public record Report(int threads, long spins, Duration ran) {
    }

    private CpuBurner(int count, Duration limit) {
        this.stopAtNanos = startNanos + limit.toNanos();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::spin, "cpu-burner-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY);
            threads.add(t);
        }
    }

    /**
     * @param threads how many threads to spin, at least 1 (the core count keeps every core busy)
     * @param limit the longest the threads spin, however the test ends; positive
     * @return the running burner
     */
    public static CpuBurner start(int threads, Duration limit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        CpuBurner b = new CpuBurner(threads, limit);
        b.threads.forEach(Thread::start);
        return b;
    }

    private void spin() {
        long x = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L + 1;
        while (!stopped && System.nanoTime() - stopAtNanos < 0) {
            for (int i = 0; i < SPINS_PER_CHECK; i++) {
                // xorshift: cheap work the JIT cannot drop, since the result is published below
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            spins.addAndGet(SPINS_PER_CHECK);
            sink = x;
        }
    }

    /** @return whether any thread still spins */
    public boolean isRunning() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /** @return the threads' work so far */
    public Report report() {
        long now = System.nanoTime();
        long end = isRunning() ? now : Math.min(closedAtNanos != 0 ? closedAtNanos : now, stopAtNanos);
        return new Report(threads.size(), spins.get(), Duration.ofNanos(end - startNanos));
    }

    /**
     * Waits for the threads to stop by themselves (at the time limit) or after {@link #close()}.
     *
     * @param timeout the longest to wait
     * @return whether every thread has stopped
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = end - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
        }
        return !isRunning();
    }

    /**
     * Stops the threads and waits for them (each needs well under a millisecond to see the flag; the
     * wait is bounded to one second per thread).
     */
    @Override
    public void close() {
        if (!stopped) {
            closedAtNanos = System.nanoTime();
            stopped = true;
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "CpuBurner[" + threads.size() + " threads, running " + isRunning() + ", " + spins.get() + " spins]";
    }
}
