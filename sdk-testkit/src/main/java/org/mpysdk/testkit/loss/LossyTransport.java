package org.mpysdk.testkit.loss;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.Transport;

/**
 * A link that loses and damages bytes on purpose, in front of any other {@link Transport} (a pty to
 * QEMU, MicroPython in the JVM, a TCP socket): each byte is dropped or has one bit flipped with the
 * probability its {@link LossProfile} gives for its direction. The faults come from seeded
 * {@link Random}s, one per direction, drawn once per byte, so a given byte stream is damaged the same way
 * however it is split into writes and reads.
 *
 * <p>Besides the counts ({@link #counts()}), it keeps the last faults ({@link #faults(Direction, long, long)})
 * and the last bytes each side really sent, before any damage ({@link #sent(Direction, long)}), so a test
 * can tell "the board printed the right thing and the reply was damaged on the way back" from "the board
 * ran other code". {@link #setFaultsEnabled(boolean)} turns the damage off, for a test's own checks.
 *
 * <pre>{@code
 * LossyTransport link = new LossyTransport(Transports.open(pty), LossProfile.oneIn(1000, 42));
 * try (Board board = Board.open(link)) {
 *     FaultCounts before = link.counts();
 *     String out = board.repl().exec("print(6*7)").stdout();
 *     FaultCounts during = link.counts().minus(before);
 * }
 * }</pre>
 *
 * <p>Thread safety: as for any transport, one reader and one writer may work at once; the counts and
 * logs may be read from any thread. Closing it closes the wrapped transport.
 */
public final class LossyTransport extends AbstractTransport {
    /** How many faults {@link #faults(Direction, long, long)} can still show. */
    public static final int FAULT_LOG = 4096;
    /** How many of the latest bytes per direction {@link #sent(Direction, long)} can still show. */
    public static final int HISTORY = 256 * 1024;

    private final Transport inner;
    private final LossProfile profile;
    private final Map<Direction, Lane> lanes = new EnumMap<>(Direction.class);
    private final ArrayDeque<InjectedFault> log = new ArrayDeque<>();
    private volatile boolean enabled = true;

    /**
     * @param inner the link to the board; closed when this one is
     * @param profile how often and how bytes are damaged
     */
    public LossyTransport(Transport inner, LossProfile profile) {
        super("lossy(" + Objects.requireNonNull(inner, "inner").name() + ")");
        this.inner = inner;
        this.profile = Objects.requireNonNull(profile, "profile");
        long seed = profile.seed();
        lanes.put(Direction.HOST_TO_BOARD, new Lane(Direction.HOST_TO_BOARD, new Random(seed), profile.hostToBoardOneIn()));
        // A different stream for the other direction: the same seed would damage both at the same offsets.
        lanes.put(Direction.BOARD_TO_HOST, new Lane(Direction.BOARD_TO_HOST, new Random(~seed * 0x9E3779B97F4A7C15L),
                profile.boardToHostOneIn()));
    }

    /** @return the profile this link damages by */
    public LossProfile profile() {
        return profile;
    }

    /** @return the wrapped link */
    public Transport inner() {
        return inner;
    }

    /**
     * @param on false to pass every byte unharmed (and draw no randomness) until turned on again
     */
    public void setFaultsEnabled(boolean on) {
        enabled = on;
    }

    /** @return whether bytes are being damaged */
    public boolean faultsEnabled() {
        return enabled;
    }

    /** @return bytes passed and faults injected so far, both ways */
    public FaultCounts counts() {
        Lane up = lanes.get(Direction.HOST_TO_BOARD);
        Lane down = lanes.get(Direction.BOARD_TO_HOST);
        synchronized (up) {
            synchronized (down) {
                return new FaultCounts(up.position, down.position, up.drops, up.flips, down.drops, down.flips);
            }
        }
    }

    /**
     * @param direction which way
     * @param from the first stream position wanted (a {@link FaultCounts#bytes(Direction)} taken earlier)
     * @param to the position after the last one wanted
     * @return the faults injected that way at positions {@code from} (inclusive) to {@code to} (exclusive),
     *     as far as the last {@link #FAULT_LOG} faults reach
     */
    public List<InjectedFault> faults(Direction direction, long from, long to) {
        List<InjectedFault> out = new ArrayList<>();
        synchronized (log) {
            for (InjectedFault f : log) {
                if (f.direction() == direction && f.position() >= from && f.position() < to) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * @param direction which way
     * @param from a stream position taken earlier ({@link FaultCounts#bytes(Direction)})
     * @return the bytes sent that way since {@code from}, as they were before any damage; only the
     *     latest {@link #HISTORY} bytes are kept, so a longer span starts later
     */
    public byte[] sent(Direction direction, long from) {
        return lanes.get(direction).history(from);
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        byte[] out = new byte[len];
        int n = lanes.get(Direction.HOST_TO_BOARD).pass(data, off, len, out, 0);
        if (n > 0) {
            inner.write(out, 0, n);
        }
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        Deadline deadline = Deadline.after(java.time.Duration.ofMillis(timeoutMillis));
        Lane down = lanes.get(Direction.BOARD_TO_HOST);
        while (true) {
            int n = inner.read(buf, off, len, java.time.Duration.ofMillis(Math.max(1, deadline.remainingMillis())));
            if (n == 0) {
                return 0;
            }
            int kept = down.pass(buf, off, n, buf, off);
            if (kept > 0 || deadline.expired()) {
                return kept;
            }
            // Every byte of this read was dropped: wait on for the rest of the caller's time.
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        inner.flush();
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        ensureOpen();
        inner.setBaudRate(baud);
    }

    @Override
    public int baudRate() {
        return inner.baudRate();
    }

    @Override
    public void setControlLines(boolean dtr, boolean rts) throws IOException {
        ensureOpen();
        inner.setControlLines(dtr, rts);
    }

    @Override
    public void setDtr(boolean dtr) throws IOException {
        ensureOpen();
        inner.setDtr(dtr);
    }

    @Override
    public void setRts(boolean rts) throws IOException {
        ensureOpen();
        inner.setRts(rts);
    }

    @Override
    public boolean hasControlLines() {
        return inner.hasControlLines();
    }

    @Override
    protected void closeRaw() {
        inner.close();
    }

    @Override
    public String toString() {
        return "LossyTransport[" + name() + ", " + profile + "]";
    }

    private void record(InjectedFault f) {
        synchronized (log) {
            if (log.size() == FAULT_LOG) {
                log.removeFirst();
            }
            log.addLast(f);
        }
    }

    /** One direction: its randomness, counters and the latest bytes as sent. */
    private final class Lane {
        private final Direction direction;
        private final Random random;
        private final int oneIn;
        private final byte[] ring = new byte[HISTORY];
        private long position;
        private long drops;
        private long flips;

        Lane(Direction direction, Random random, int oneIn) {
            this.direction = direction;
            this.random = random;
            this.oneIn = oneIn;
        }

        /** Copies {@code len} bytes to {@code dst} (which may be {@code src}), damaged; returns how many remain. */
        synchronized int pass(byte[] src, int off, int len, byte[] dst, int dstOff) {
            boolean damage = enabled && oneIn > 0;
            int n = dstOff;
            for (int i = off; i < off + len; i++) {
                byte b = src[i];
                ring[(int) (position % HISTORY)] = b;
                long at = position++;
                if (damage && random.nextInt(oneIn) == 0) {
                    if (random.nextInt(100) < profile.dropPercent()) {
                        drops++;
                        record(new InjectedFault(direction, FaultKind.DROP, at, b, b));
                        continue;
                    }
                    byte f = (byte) (b ^ (1 << random.nextInt(8)));
                    flips++;
                    record(new InjectedFault(direction, FaultKind.FLIP, at, b, f));
                    b = f;
                }
                dst[n++] = b;
            }
            return n - dstOff;
        }

        synchronized byte[] history(long from) {
            long start = Math.max(Math.max(0, from), position - HISTORY);
            if (start >= position) {
                return new byte[0];
            }
            byte[] out = new byte[(int) (position - start)];
            for (int i = 0; i < out.length; i++) {
                out[i] = ring[(int) ((start + i) % HISTORY)];
            }
            return out;
        }
    }
}
