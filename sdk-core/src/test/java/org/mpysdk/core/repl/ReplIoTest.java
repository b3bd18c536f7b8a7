package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.TrickleTransport;

/** The REPL's pattern wait: linear in what arrives, bounded in what it keeps. */
class ReplIoTest {
    private static final byte[] BANNER = "raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);

    /**
     * 4 MB of output one byte per read before the banner: the old wait moved its whole 64 KB window on
     * every byte once it was full (about 6 s here); the shared linear one takes about 0.6 s. The bound
     * leaves room for a loaded machine.
     */
    @Test
    void readUntilIsLinearWhenBytesArriveOneByOne() throws IOException {
        int size = 4 * 1024 * 1024;
        ReplIo io = new ReplIo(new TrickleTransport(TrickleTransport.fillerEndingWith(size, BANNER)));
        long start = System.nanoTime();
        byte[] got = io.readUntil(BANNER, Deadline.after(Duration.ofSeconds(60)), "the banner");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(got.length <= 64 * 1024 + BANNER.length, "kept only the tail: " + got.length);
        assertArrayEquals(BANNER, Arrays.copyOfRange(got, got.length - BANNER.length, got.length));
        byte[] rest = new byte[4];
        for (int n = 0; n < 4; ) {
            n += io.read(rest, n, 4 - n, Duration.ofSeconds(1));
        }
        assertArrayEquals("rest".getBytes(StandardCharsets.US_ASCII), rest, "what follows the pattern stays");
        // Linear: about 1 s, 3 s on a busy 2-core machine. Rescanning the 64 KB it keeps on every read
        // would take minutes (the 60 s deadline above ends it first), so the bound keeps a wide margin.
        assertTrue(millis < 30_000, "4 MB in 1-byte reads took " + millis + " ms");
    }
}
