package org.mpysdk.testkit.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Transport;
import org.mpysdk.core.Transports;

/** The TCP form of the lossy link: a client on its port reaches the board through the damage. */
@Timeout(30)
class LossyRelayTest {
    /** A board that sends back what it gets. */
    private static final class Echo extends AbstractTransport {
        private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private byte[] rest = new byte[0];

        Echo() {
            super("echo");
        }

        @Override
        protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
            try {
                if (rest.length == 0) {
                    byte[] next = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        return 0;
                    }
                    rest = next;
                }
                int n = Math.min(len, rest.length);
                System.arraycopy(rest, 0, buf, off, n);
                rest = java.util.Arrays.copyOfRange(rest, n, rest.length);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        protected void writeRaw(byte[] data, int off, int len) {
            queue.add(java.util.Arrays.copyOfRange(data, off, off + len));
        }

        @Override
        protected void closeRaw() {
        }
    }

    private static byte[] readAll(Transport t, int atLeast) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (out.size() < atLeast && System.nanoTime() - end < 0) {
            int n = t.read(buf, 0, buf.length, Duration.ofMillis(200));
            out.write(buf, 0, n);
        }
        // and whatever else is still on its way
        int n;
        while ((n = t.read(buf, 0, buf.length, Duration.ofMillis(200))) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void aClientOnThePortReachesTheBoardThroughTheDamage() throws IOException {
        byte[] data = new byte[20_000];
        new Random(3).nextBytes(data);
        try (LossyRelay relay = LossyRelay.start(new Echo(), LossProfile.oneIn(100, 5))) {
            relay.link().setFaultsEnabled(false);
            try (Transport client = Transports.open("socket://127.0.0.1:" + relay.port())) {
                client.write(data);
                client.flush();
                assertArrayEquals(data, readAll(client, data.length), "with the faults off the bytes pass intact");
            }
            relay.link().setFaultsEnabled(true);
            try (Transport client = Transports.open("socket://127.0.0.1:" + relay.port())) {
                FaultCounts before = relay.link().counts();
                client.write(data);
                client.flush();
                // The echo sends back what reached it (damaged once), and that is damaged again on the way out.
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (relay.link().counts().bytesHostToBoard() - before.bytesHostToBoard() < data.length
                        && System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
                }
                FaultCounts up = relay.link().counts().minus(before);
                long reachedBoard = data.length - up.dropsHostToBoard();
                byte[] back = readAll(client, 1);
                FaultCounts all = relay.link().counts().minus(before);
                assertEquals(data.length, all.bytesHostToBoard(), "a second client is served after the first left");
                assertEquals(reachedBoard, all.bytesBoardToHost());
                assertEquals(reachedBoard - all.dropsBoardToHost(), back.length);
                assertTrue(all.faults(Direction.HOST_TO_BOARD) > 100 && all.faults(Direction.BOARD_TO_HOST) > 100, all.toString());
            }
        }
    }
}
