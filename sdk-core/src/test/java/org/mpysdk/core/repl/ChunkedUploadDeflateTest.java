package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The compressed chunk calls of {@link ChunkedUpload}: what the board inflates block by block. */
class ChunkedUploadDeflateTest {
    private static final Pattern CALL = Pattern.compile("__mw\\(__mx\\(b'([A-Za-z0-9+/=]*)'\\),(\\d+),(\\d+),(\\d+)\\)\\n");

    private static byte[] text(int n) {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(n);
        String[] words = {"def", "return", "self", "value", "print", "import", "machine", "(", ")", ":"};
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(4) == 0 ? "\n" : " ");
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    /** Inflates every call with a window of {@code block} bytes, checking offsets, sizes and sums. */
    private static byte[] inflateCalls(String src, long offset, int block) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = CALL.matcher(src);
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "only calls: " + src);
            end = m.end();
            assertEquals(offset + out.size(), Long.parseLong(m.group(2)));
            int n = Integer.parseInt(m.group(3));
            assertTrue(n <= block, "a block of " + n + " bytes needs a bigger window than " + block);
            Inflater inf = new Inflater(true);
            inf.setInput(Base64.getDecoder().decode(m.group(1)));
            byte[] piece = new byte[n];
            assertEquals(n, inf.inflate(piece));
            assertTrue(inf.finished());
            inf.end();
            int sum = 0;
            for (byte b : piece) {
                sum += b & 0xFF;
            }
            assertEquals(sum & 0xFFFF, Integer.parseInt(m.group(4)));
            out.writeBytes(piece);
        }
        assertEquals(src.length(), end, "only calls: " + src);
        return out.toByteArray();
    }

    @Test
    void textGoesAsIndependentBlocksThatFitTheBudget() throws DataFormatException {
        byte[] data = text(40_000);
        long offset = 12345;
        StringBuilder src = new StringBuilder();
        int used = ChunkedUpload.batchDeflate(data, offset, 8192, 4096, src);
        assertTrue(used >= 3 * 4096, "several blocks per exec, got " + used + " bytes");
        assertTrue(src.length() <= 8192, "the budget holds: " + src.length());
        assertTrue(src.length() < used / 2, "compressed: " + src.length() + " characters for " + used + " bytes");
        byte[] back = inflateCalls(src.toString(), offset, 4096);
        assertArrayEquals(java.util.Arrays.copyOf(data, used), back);
    }

    @Test
    void randomBytesAreLeftToPlainBase64() {
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        StringBuilder src = new StringBuilder();
        assertEquals(0, ChunkedUpload.batchDeflate(data, 0, 8192, 8192, src));
        assertEquals("", src.toString());
    }

    @Test
    void aCompressibleRunStopsAtTheFirstBlockThatIsNot() throws DataFormatException {
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        byte[] data = new byte[2048 + noise.length];
        System.arraycopy(text(2048), 0, data, 0, 2048);
        System.arraycopy(noise, 0, data, 2048, noise.length);
        StringBuilder src = new StringBuilder();
        assertEquals(2048, ChunkedUpload.batchDeflate(data, 0, 8192, 2048, src));
        assertArrayEquals(text(2048), inflateCalls(src.toString(), 0, 2048));
    }

    @Test
    void blockSizeFollowsFreeMemory() {
        assertEquals(8192, ChunkedUpload.blockSize(140_000));
        assertEquals(2048, ChunkedUpload.blockSize(40_000));
        assertEquals(1024, ChunkedUpload.blockSize(9_000));
    }
}
