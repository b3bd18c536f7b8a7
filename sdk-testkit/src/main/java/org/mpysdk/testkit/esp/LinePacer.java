package org.mpysdk.testkit.esp;

/**
 * One direction of a UART: bytes take 10 bit times each (8N1), so n bytes at a given baud occupy the
 * line for {@code n * 10 / baud} seconds. The pacer keeps an anchor and a byte count instead of adding
 * rounded per-chunk durations, so a long transfer takes exactly the line time, however it is chunked.
 * A baud of 0 means no pacing.
 */
final class LinePacer {
    private static final long TEN_BITS_IN_NANOS = 10L * 1_000_000_000L;
    /**
     * A gap shorter than this counts as the line still streaming: the pacing thread wakes a little late
     * after each sleep, and restarting the count at every late wake-up would add that lateness to every
     * chunk and make a busy line look slower than the baud rate.
     */
    private static final long IDLE_AFTER_NANOS = 5_000_000L;

    private final LineClock clock;
    private int baud;
    private long anchorNanos;
    private long bytesSinceAnchor;

    LinePacer(LineClock clock, int baud) {
        this.clock = clock;
        this.baud = baud;
        this.anchorNanos = clock.nanoTime();
    }

    /** @return when the line becomes free, in the clock's nanoseconds */
    synchronized long busyUntil() {
        return baud <= 0 ? anchorNanos : anchorNanos + bytesSinceAnchor * TEN_BITS_IN_NANOS / baud;
    }

    /**
     * Books {@code n} bytes on the line after whatever is already on it.
     *
     * @return the time at which the last of them has crossed the line
     */
    synchronized long reserve(int n) {
        long now = clock.nanoTime();
        if (baud <= 0) {
            return now;
        }
        if (busyUntil() + IDLE_AFTER_NANOS < now) {
            // The line went idle: start counting again from now.
            anchorNanos = now;
            bytesSinceAnchor = 0;
        }
        bytesSinceAnchor += n;
        return busyUntil();
    }

    /** Books {@code n} bytes and sleeps until they have crossed the line. */
    void pace(int n) throws InterruptedException {
        long done = reserve(n);
        clock.sleepUntil(done);
    }

    /** Changes the rate for bytes booked from now on; bytes already booked keep their time. */
    synchronized void setBaud(int newBaud) {
        long free = Math.max(busyUntil(), clock.nanoTime());
        anchorNanos = free;
        bytesSinceAnchor = 0;
        baud = newBaud;
    }

    synchronized int baud() {
        return baud;
    }
}
