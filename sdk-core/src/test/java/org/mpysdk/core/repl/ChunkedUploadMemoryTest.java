package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;

/** Upload chunks shrink when the board runs out of memory for them. */
class ChunkedUploadMemoryTest {
    private static final Pattern MARKER = Pattern.compile("print\\('SDK'\\+'(\\d+)'\\)");
    private static final Pattern CHUNK = Pattern.compile("__mw\\(__ma\\(b'([A-Za-z0-9+/=]*)'\\),(\\d+),(\\d+),(\\d+)\\)");

    /**
     * A board with binascii, hashlib and raw-paste whose free memory, as probed, is large, but whose heap
     * has filled since: an exec longer than {@code fits} characters fails with MemoryError. Keeps the one
     * file being written and answers the digest pass over it.
     */
    private static final class FilledHeap {
        final int fits;
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        final List<Integer> chunkLengths = new ArrayList<>();

        FilledHeap(int fits) {
            this.fits = fits;
        }

        FakeRawReplBoard.Reply run(String code) {
            Matcher marker = MARKER.matcher(code);
            if (marker.matches()) {
                return FakeRawReplBoard.Reply.out("SDK" + marker.group(1) + "\r\n");
            }
            if (code.contains("__mb=[n for n in ('binascii'")) {
                return FakeRawReplBoard.Reply.out("F binascii hashlib 1 1 1 1 0 140000\r\n");
            }
            if (code.startsWith("__mw(")) {
                chunkLengths.add(code.length());
                if (code.length() > fits) {
                    return FakeRawReplBoard.Reply.error("", "Traceback (most recent call last):\r\n"
                            + "  File \"<stdin>\", line 1, in <module>\r\nMemoryError: memory allocation failed, allocating "
                            + code.length() + " bytes\r\n");
                }
                Matcher m = CHUNK.matcher(code);
                while (m.find()) {
                    byte[] b = Base64.getDecoder().decode(m.group(1));
                    if (Long.parseLong(m.group(2)) == file.size()) {
                        file.writeBytes(b);
                    }
                }
                return FakeRawReplBoard.Reply.out("");
            }
            if (code.contains("__mh.update(__mb)") && code.contains("print(__mn,")) {
                return FakeRawReplBoard.Reply.out(file.size() + " " + sha256(file.toByteArray()) + "\r\n");
            }
            if (code.contains("print('Z1')")) {
                return FakeRawReplBoard.Reply.out("Z0\r\n"); // no deflate: every chunk is plain base64
            }
            return FakeRawReplBoard.Reply.out("");
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Before, a chunk that failed with MemoryError was sent again at the same size until the put failed. */
    @Test
    void chunksHalveAfterMemoryErrorUntilTheyFit() throws IOException {
        FilledHeap heap = new FilledHeap(2500);
        FakeRawReplBoard board = new FakeRawReplBoard(heap::run, FakeRawReplBoard.Paste.SUPPORTED, 128);
        Cancellation cancel = new Cancellation();
        Repl repl = new Repl(board, ReplOptions.defaults(), () -> ProgressListener.NONE, () -> cancel);
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        repl.files().put(data, "/data.bin");
        assertArrayEquals(data, heap.file.toByteArray());
        assertTrue(heap.chunkLengths.get(0) > 8000, "the first chunk is sized to the probed memory: " + heap.chunkLengths);
        List<Integer> last = heap.chunkLengths.subList(heap.chunkLengths.size() - 3, heap.chunkLengths.size());
        assertTrue(last.stream().allMatch(n -> n <= 2500), "later chunks fit: " + heap.chunkLengths);
        assertTrue(heap.chunkLengths.size() < 20, "failed sizes are not sent again: " + heap.chunkLengths);
    }
}
