package org.mpysdk.testkit.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.OperationTimeoutException;

/** The lossy link itself: seeded, so the same stream gets the same faults; counted and logged exactly. */
@Timeout(30)
class LossyTransportTest {
    /** A board that sends back what it gets; keeps everything it got. */
    private static final class Echo extends AbstractTransport {
        final LinkedBlockingQueue<Byte> queue = new LinkedBlockingQueue<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed;

        Echo() {
            super("echo");
        }

        @Override
        protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
            try {
                Byte first = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    return 0;
                }
                buf[off] = first;
                int n = 1;
                Byte next;
                while (n < len && (next = queue.poll()) != null) {
                    buf[off + n++] = next;
                }
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        protected void writeRaw(byte[] data, int off, int len) {
            received.write(data, off, len);
            for (int i = off; i < off + len; i++) {
                queue.add(data[i]);
            }
        }

        @Override
        protected void closeRaw() {
            closed = true;
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in pieces of random size (seeded by {@code split}); returns what the board got. */
    private static byte[] sendInPieces(byte[] data, LossProfile profile, long split) throws IOException {
        Echo echo = new Echo();
        try (LossyTransport link = new LossyTransport(echo, profile)) {
            Random r = new Random(split);
            for (int i = 0; i < data.length; ) {
                int n = Math.min(data.length - i, 1 + r.nextInt(700));
                link.write(data, i, n);
                i += n;
            }
            return echo.received.toByteArray();
        }
    }

    @Test
    void theSameSeedDamagesTheSameBytesHoweverTheStreamIsSplit() throws IOException {
        byte[] data = random(50_000, 1);
        LossProfile p = LossProfile.oneIn(200, 42);
        byte[] a = sendInPieces(data, p, 1);
        byte[] b = sendInPieces(data, p, 2);
        assertArrayEquals(a, b);
        assertNotEquals(data.length, a.length, "some bytes were dropped");
        byte[] c = sendInPieces(data, LossProfile.oneIn(200, 43), 1);
        assertFalse(java.util.Arrays.equals(a, c), "another seed damages other bytes");
    }

    @Test
    void aboutOneByteInNIsDamagedHalfDroppedHalfFlipped() throws IOException {
        Echo echo = new Echo();
        try (LossyTransport link = new LossyTransport(echo, new LossProfile(100, 0, 50, 7))) {
            link.write(random(200_000, 3));
            FaultCounts c = link.counts();
            assertEquals(200_000, c.bytesHostToBoard());
            long faults = c.faults(Direction.HOST_TO_BOARD);
            assertTrue(faults > 1700 && faults < 2300, "faults " + faults);
            long drops = c.faults(Direction.HOST_TO_BOARD, FaultKind.DROP);
            assertTrue(drops > faults * 4 / 10 && drops < faults * 6 / 10, "drops " + drops + " of " + faults);
            assertEquals(200_000 - drops, echo.received.size());
            assertEquals(0, c.faults(Direction.BOARD_TO_HOST));
        }
    }

    @Test
    void theLogAndTheHistoryDescribeTheDamageExactly() throws IOException {
        byte[] data = random(20_000, 5);
        Echo echo = new Echo();
        try (LossyTransport link = new LossyTransport(echo, new LossProfile(50, 0, 30, 9))) {
            link.write(data);
            assertArrayEquals(data, link.sent(Direction.HOST_TO_BOARD, 0), "the history holds the bytes as sent");
            List<InjectedFault> faults = link.faults(Direction.HOST_TO_BOARD, 0, data.length);
            assertEquals(link.counts().faults(Direction.HOST_TO_BOARD), faults.size());
            // Rebuild what the board got from the bytes as sent and the log: it must be exactly that.
            ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
            int next = 0;
            for (int i = 0; i < data.length; i++) {
                if (next < faults.size() && faults.get(next).position() == i) {
                    InjectedFault f = faults.get(next++);
                    assertEquals(data[i], f.before());
                    if (f.kind() == FaultKind.FLIP) {
                        assertEquals(1, Integer.bitCount((f.before() ^ f.after()) & 0xFF), f.toString());
                        rebuilt.write(f.after());
                    }
                } else {
                    rebuilt.write(data[i]);
                }
            }
            assertArrayEquals(rebuilt.toByteArray(), echo.received.toByteArray());
            assertEquals(List.of(), link.faults(Direction.HOST_TO_BOARD, data.length, Long.MAX_VALUE));
        }
    }

    @Test
    void readsAreDamagedOnTheWayBackAndReadUntilStillWorks() throws IOException {
        Echo echo = new Echo();
        try (LossyTransport link = new LossyTransport(echo, new LossProfile(0, 20, 50, 11))) {
            byte[] data = random(5_000, 6);
            data[data.length - 1] = '#';
            echo.writeRaw(data, 0, data.length);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[333];
            int n;
            while ((n = link.read(buf, 0, buf.length, Duration.ofMillis(50))) > 0) {
                got.write(buf, 0, n);
            }
            FaultCounts c = link.counts();
            assertEquals(5_000, c.bytesBoardToHost());
            assertEquals(5_000 - c.dropsBoardToHost(), got.size());
            assertTrue(c.faults(Direction.BOARD_TO_HOST) > 150, c.toString());
            assertArrayEquals(data, link.sent(Direction.BOARD_TO_HOST, 0), "the board's bytes before the damage");

            link.setFaultsEnabled(false);
            echo.writeRaw("abc>>> ".getBytes(StandardCharsets.US_ASCII), 0, 7);
            assertArrayEquals("abc>>> ".getBytes(StandardCharsets.US_ASCII),
                    link.readUntil(">>> ".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(2)));
            assertEquals(c.faults(Direction.BOARD_TO_HOST), link.counts().faults(Direction.BOARD_TO_HOST), "no faults while off");
            assertThrows(OperationTimeoutException.class,
                    () -> link.readUntil(new byte[] {'!'}, Duration.ofMillis(100)), "the wait stays bounded");
        }
        assertTrue(echo.closed, "closing the lossy link closes the one it wraps");
    }

    @Test
    void aReadWhoseBytesAreAllDroppedWaitsForMoreInsteadOfEndingEarly() throws IOException {
        Echo echo = new Echo();
        // Every byte dropped on the way back: a read gets nothing, but only after its timeout.
        try (LossyTransport link = new LossyTransport(echo, new LossProfile(0, 1, 100, 1))) {
            echo.writeRaw(new byte[] {1, 2, 3}, 0, 3);
            long t0 = System.nanoTime();
            assertEquals(0, link.read(new byte[10], 0, 10, Duration.ofMillis(200)));
            assertTrue(System.nanoTime() - t0 >= 150_000_000L, "returned before its timeout");
            assertEquals(3, link.counts().dropsBoardToHost());
        }
    }

    @Test
    void theHistoryKeepsOnlyTheLatestBytes() throws IOException {
        byte[] data = random(LossyTransport.HISTORY + 1000, 8);
        try (LossyTransport link = new LossyTransport(new Echo(), new LossProfile(0, 0, 0, 0))) {
            link.write(data);
            byte[] kept = link.sent(Direction.HOST_TO_BOARD, 0);
            assertEquals(LossyTransport.HISTORY, kept.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, data.length), kept);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 10, data.length),
                    link.sent(Direction.HOST_TO_BOARD, data.length - 10));
        }
    }

    @Test
    void profilesRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LossProfile(-1, 0, 50, 0));
        assertThrows(IllegalArgumentException.class, () -> new LossProfile(0, 0, 101, 0));
        assertEquals(7, LossProfile.oneIn(7, 0).oneIn(Direction.BOARD_TO_HOST));
    }
}
