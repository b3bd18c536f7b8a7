package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class FrameKindTapTest {
    private static final byte[] HEAD = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private static byte[] frame(int b0, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >> (8 * i)));
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Reads {@code in} through the retyper in reads of the given sizes (cycled). */
    private static byte[] pass(byte[] in, Queue<Boolean> kinds, int... readSizes) throws IOException {
        FrameKindTap.Retyper r = new FrameKindTap.Retyper(new ByteArrayInputStream(in), kinds);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[70_000];
        for (int i = 0; ; i++) {
            int size = readSizes[i % readSizes.length];
            int n = size == 1 ? single(r, buf) : r.read(buf, 0, size);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
        }
    }

    private static int single(FrameKindTap.Retyper r, byte[] buf) throws IOException {
        int c = r.read();
        if (c < 0) {
            return -1;
        }
        buf[0] = (byte) c;
        return 1;
    }

    @Test
    void textFramesBecomeBinaryAndTheirKindIsNoted() throws IOException {
        byte[] text = {'R', 1, (byte) 0x80, 0};
        byte[] bin = {'W', 'B', 0, 0};
        byte[] big = new byte[300];
        byte[] in = concat(HEAD, frame(0x81, text), frame(0x82, bin), frame(0x89, new byte[] {1}), frame(0x81, big),
                frame(0x88, new byte[0]));
        Queue<Boolean> kinds = new ConcurrentLinkedQueue<>();
        byte[] out = pass(in, kinds, 4096);
        byte[] expected = concat(HEAD, frame(0x82, text), frame(0x82, bin), frame(0x89, new byte[] {1}), frame(0x82, big),
                frame(0x88, new byte[0]));
        assertArrayEquals(expected, out);
        assertEquals(List.of(true, false, true), new ArrayList<>(kinds));
    }

    /** However the stream is split into reads, the output and the kinds are the same. */
    @FuzzTest(maxDuration = "10s")
    void splitsDoNotMatter(FuzzedDataProvider data) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            boolean text = data.consumeBoolean();
            int len = data.pickValue(new int[] {0, 1, 125, 126, 127, 300, 65535, 65536});
            byte[] payload = new byte[len];
            if (len > 0) {
                payload[len - 1] = (byte) 0x81;
            }
            frames.add(frame(text ? 0x81 : 0x82, payload));
            expected.add(frame(0x82, payload));
            kinds.add(text);
        }
        int[] sizes = new int[1 + data.consumeInt(0, 4)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = data.consumeInt(1, 5000);
        }
        Queue<Boolean> seen = new ConcurrentLinkedQueue<>();
        byte[] out = pass(concat(HEAD, concat(frames.toArray(new byte[0][]))), seen, sizes);
        assertArrayEquals(concat(HEAD, concat(expected.toArray(new byte[0][]))), out);
        assertEquals(kinds, new ArrayList<>(seen));
    }
}
