package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;

class OutboundFramesTest {
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = {(byte) 0x88, (byte) 0x80, 0, 0, 0, 0};

    /** A masked client frame with a 16-bit length. */
    private static byte[] frame(int length) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x82);
        f.write(0x80 | 126);
        f.write(length >> 8);
        f.write(length);
        f.writeBytes(new byte[] {1, 2, 3, 4});
        f.writeBytes(new byte[length]);
        return f.toByteArray();
    }

    @Test
    void ourFrameGoesOnlyBetweenFrames() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        OutboundFrames out = new OutboundFrames(wire);
        out.write(REQUEST);
        assertTrue(out.atFrameBoundary(), "after the HTTP request head");
        byte[] f = frame(300);
        out.write(f, 0, 100);
        assertFalse(out.atFrameBoundary());
        CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
            try {
                out.writeBetweenFrames(CLOSE, Deadline.after(Duration.ofSeconds(10)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.write(f, 100, f.length - 100);
        close.get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(REQUEST);
        expected.writeBytes(f);
        expected.writeBytes(CLOSE);
        assertArrayEquals(expected.toByteArray(), wire.toByteArray());
    }

    @Test
    void aFrameThatNeverEndsTimesOut() throws IOException {
        OutboundFrames out = new OutboundFrames(new ByteArrayOutputStream());
        out.write(REQUEST);
        out.write(frame(10), 0, 5);
        assertThrows(OperationTimeoutException.class, () -> out.writeBetweenFrames(CLOSE, Deadline.after(Duration.ofMillis(50))));
    }

    @Test
    void shortAndEmptyFramesAreFollowed() throws IOException {
        OutboundFrames out = new OutboundFrames(new ByteArrayOutputStream());
        out.write(REQUEST);
        out.write(new byte[] {(byte) 0x81, (byte) 0x83, 9, 9, 9, 9, 'a', 'b', 'c'});
        assertTrue(out.atFrameBoundary());
        out.write(CLOSE);
        assertTrue(out.atFrameBoundary(), "an empty masked frame ends after its mask");
    }
}
