package org.mpysdk.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.internal.Bytes;

class AbstractTransportTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readUntilKeepsWhatFollowsThePattern() throws Exception {
        ChunkedTransport t = new ChunkedTransport(false, b("boot noise\r\n>"), b(">> rest"));
        assertArrayEquals(b("boot noise\r\n>>> "), t.readUntil(b(">>> "), Duration.ofSeconds(1)));
        assertArrayEquals(b("rest"), t.readExactly(4, Duration.ofSeconds(1)));
    }

    @Test
    void readUntilTimesOutOnAnEndlessTalkerAndShowsWhatArrived() {
        ChunkedTransport t = new ChunkedTransport(true);
        long start = System.nanoTime();
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> t.readUntil(b("never"), Duration.ofMillis(200)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
        assertTrue(e.getMessage().contains("xxxx"), e.getMessage());
        assertEquals(Duration.ofMillis(200), e.timeout());
    }

    /**
     * 1 MB arriving one byte per read: the old read-until copied and rescanned everything it had seen
     * on every read (quadratic: about 6 s for 200 KB, so about 150 s for this); a linear one takes tens of
     * milliseconds, and a few seconds on a busy 2-core machine. The bound sits between the two with a
     * factor of about ten on each side.
     */
    @Test
    void readUntilIsLinearWhenBytesArriveOneByOne() throws Exception {
        int size = 1024 * 1024;
        TrickleTransport t = new TrickleTransport(TrickleTransport.fillerEndingWith(size, b("\r\n>>> ")));
        long start = System.nanoTime();
        byte[] got = t.readUntil(b("\r\n>>> "), Duration.ofSeconds(60));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(size, got.length);
        assertEquals(size, t.reads);
        assertArrayEquals(b("rest"), t.readExactly(4, Duration.ofSeconds(1)), "what follows the pattern stays");
        assertTrue(millis < 15_000, "1 MB in 1-byte reads took " + millis + " ms");
    }

    @Test
    void closeIsIdempotentAndLaterCallsSayClosed() {
        ChunkedTransport t = new ChunkedTransport(false);
        t.close();
        t.close();
        assertFalse(t.isOpen());
        TransportClosedException e = assertThrows(TransportClosedException.class, () -> t.write(new byte[1]));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void printableEscapesControlBytes() {
        assertEquals("\"a\\r\\n\\x00\\xff\"", AbstractTransport.printable(new byte[] {'a', '\r', '\n', 0, (byte) 0xFF}));
    }

    /** However the input is split into reads, readUntil returns the same prefix and leaves the same rest. */
    @FuzzTest(maxDuration = "10s")
    void readUntilIsIndependentOfSplits(FuzzedDataProvider data) throws Exception {
        byte[] pattern = data.consumeBytes(1 + data.consumeInt(0, 4));
        if (pattern.length == 0) {
            return;
        }
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (data.remainingBytes() > 0) {
            byte[] c = data.consumeBytes(1 + data.consumeInt(0, 16));
            chunks.add(c);
            all.write(c);
        }
        byte[] whole = all.toByteArray();
        int at = Bytes.indexOf(whole, pattern, 0);
        ChunkedTransport t = new ChunkedTransport(false, chunks.toArray(new byte[0][]));
        if (at < 0) {
            assertThrows(OperationTimeoutException.class, () -> t.readUntil(pattern, Duration.ofMillis(20)));
            return;
        }
        byte[] got = t.readUntil(pattern, Duration.ofSeconds(5));
        assertArrayEquals(java.util.Arrays.copyOf(whole, at + pattern.length), got);
        int rest = whole.length - got.length;
        if (rest > 0) {
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, got.length, whole.length),
                    t.readExactly(rest, Duration.ofSeconds(5)));
        }
    }
}
