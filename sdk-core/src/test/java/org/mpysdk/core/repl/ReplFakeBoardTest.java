package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.TransportClosedException;

/** The REPL protocol against a small in-memory board: raw-paste flow control, fallbacks, bad input. */
@Timeout(60)
class ReplFakeBoardTest {
    private final List<String> received = new ArrayList<>();

    private Function<String, FakeRawReplBoard.Reply> echoLength() {
        return code -> {
            received.add(code);
            if (code.startsWith("print('SDK'+'")) {
                return FakeRawReplBoard.Reply.out("SDK" + code.substring(13, 19) + "\r\n");
            }
            return FakeRawReplBoard.Reply.out(code.length() + "\r\n");
        };
    }

    private static Repl repl(FakeRawReplBoard board, ReplOptions options) {
        Cancellation c = new Cancellation();
        return new Repl(board, options, () -> ProgressListener.NONE, () -> c);
    }

    private static String longCode(int n) {
        return "#" + "x".repeat(n - 1);
    }

    @Test
    void rawPasteIsUsedWithFlowControlForLongCode() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(echoLength(), FakeRawReplBoard.Paste.SUPPORTED, 32);
        Repl repl = repl(board, ReplOptions.defaults());
        assertEquals("5", repl.exec("print").text());
        assertEquals(1, board.pasteRequests, "the first call also defines the guard's helper: long enough for raw-paste");
        assertEquals("5", repl.exec("print").text(), "short code goes the plain way");
        assertEquals(1, board.pasteRequests);
        assertEquals("3000", repl.exec(longCode(3000)).text());
        assertEquals(Repl.RawPaste.SUPPORTED, repl.rawPaste());
        assertEquals("5000", repl.exec(longCode(5000)).text());
        assertEquals(3, board.pasteRequests);
        assertEquals(0, board.maxPasteOverrun, "the host never sent beyond the granted window");
        assertEquals(longCode(5000), received.get(received.size() - 1));
    }

    @Test
    void oldFirmwareFallsBackToPlainRawReplOnce() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(echoLength(), FakeRawReplBoard.Paste.OLD_FIRMWARE, 32);
        Repl repl = repl(board, ReplOptions.defaults().withPlainChunking(256, Duration.ZERO));
        assertEquals("1000", repl.exec(longCode(1000)).text());
        assertEquals(Repl.RawPaste.UNSUPPORTED, repl.rawPaste());
        assertEquals("2000", repl.exec(longCode(2000)).text());
        assertEquals(longCode(2000), received.get(received.size() - 1));
    }

    @Test
    void refusedRawPasteFallsBack() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(echoLength(), FakeRawReplBoard.Paste.REFUSED, 32);
        Repl repl = repl(board, ReplOptions.defaults().withPlainChunking(256, Duration.ZERO));
        assertEquals("700", repl.exec(longCode(700)).text());
        assertEquals(Repl.RawPaste.UNSUPPORTED, repl.rawPaste());
        assertEquals(1, board.pasteRequests);
    }

    @Test
    void firmwareThatHangsOnTheRawPasteRequestDoesNotHangTheSdk() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(echoLength(), FakeRawReplBoard.Paste.HANGS, 32);
        Repl repl = repl(board, ReplOptions.defaults().withRawPasteProbeTimeout(Duration.ofMillis(200))
                .withPlainChunking(256, Duration.ZERO));
        long t0 = System.nanoTime();
        assertEquals("900", repl.exec(longCode(900)).text());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
        // One lost answer on a lossy link must not cost raw-paste for the whole connection: it asks up to 3 times.
        assertEquals(Repl.RawPaste.UNKNOWN, repl.rawPaste());
        for (int i = 0; i < 3; i++) {
            assertEquals("900", repl.exec(longCode(900)).text());
        }
        assertEquals(Repl.RawPaste.UNSUPPORTED, repl.rawPaste());
        assertEquals(3, board.pasteRequests, "asked 3 times per connection, then no more");
    }

    @Test
    void errorsCarryStdoutAndTraceback() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(code -> code.startsWith("print('SDK")
                ? FakeRawReplBoard.Reply.out("SDK" + code.substring(13, 19) + "\r\n")
                : FakeRawReplBoard.Reply.error("partial\r\n", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\nValueError: bad\r\n"),
                FakeRawReplBoard.Paste.SUPPORTED, 64);
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> repl(board, ReplOptions.defaults()).exec("x"));
        assertEquals("ValueError", e.type());
        assertEquals("bad", e.remoteMessage());
        assertEquals(2, e.line());
        assertEquals("partial\r\n", e.stdout());
    }

    @Test
    void aGigabyteOfOutputStreamsInBoundedMemory() throws IOException {
        byte[] pattern = "0123456789abcdef0123456789abcde\n".getBytes(StandardCharsets.US_ASCII);
        long repeats = (1L << 30) / pattern.length;
        FakeRawReplBoard board = new FakeRawReplBoard(code -> code.startsWith("print('SDK")
                ? FakeRawReplBoard.Reply.out("SDK" + code.substring(13, 19) + "\r\n")
                : new FakeRawReplBoard.Reply(pattern, "", repeats, false), FakeRawReplBoard.Paste.SUPPORTED, 64);
        long[] count = {0};
        // sdk-core's tests run with -Xmx256m (its pom), so holding the output anywhere would end in OutOfMemoryError.
        assertTrue(Runtime.getRuntime().maxMemory() < 512L * 1024 * 1024, "test JVM heap must be small for this test to mean anything");
        repl(board, ReplOptions.defaults().withExecTimeout(Duration.ofSeconds(50)))
                .execStreaming("spam()", (b, off, len) -> count[0] += len, Duration.ofSeconds(50));
        assertEquals(repeats * pattern.length, count[0]);
    }

    @Test
    void infiniteLoopTimesOutAndTheReplRecovers() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(code -> code.startsWith("print('SDK")
                ? FakeRawReplBoard.Reply.out("SDK" + code.substring(13, 19) + "\r\n")
                : code.equals("loop") ? new FakeRawReplBoard.Reply(new byte[0], "", 1, true) : FakeRawReplBoard.Reply.out("fine\r\n"),
                FakeRawReplBoard.Paste.SUPPORTED, 64);
        Repl repl = repl(board, ReplOptions.defaults());
        assertThrows(OperationTimeoutException.class, () -> repl.exec("loop", Duration.ofMillis(100)));
        assertEquals("fine", repl.exec("other").text());
    }

    @Test
    void disconnectMidExecIsATransportError() throws IOException {
        FakeRawReplBoard[] ref = new FakeRawReplBoard[1];
        ref[0] = new FakeRawReplBoard(code -> {
            if (code.startsWith("print('SDK")) {
                return FakeRawReplBoard.Reply.out("SDK" + code.substring(13, 19) + "\r\n");
            }
            ref[0].disconnect(); // the cable is pulled while the code runs
            return new FakeRawReplBoard.Reply(new byte[0], "", 1, true);
        }, FakeRawReplBoard.Paste.SUPPORTED, 64);
        Repl repl = repl(ref[0], ReplOptions.defaults());
        assertThrows(TransportClosedException.class, () -> repl.exec("work()", Duration.ofSeconds(30)));
    }

    @Test
    void boardThatNeverAnswersFailsWithinTheEnterTimeout() {
        FakeRawReplBoard silent = new FakeRawReplBoard(c -> FakeRawReplBoard.Reply.out(""), FakeRawReplBoard.Paste.SUPPORTED, 64) {
            @Override
            protected synchronized void writeRaw(byte[] data, int off, int len) {
                // a board that ignores everything
            }
        };
        Repl repl = repl(silent, ReplOptions.defaults().withEnterTimeout(Duration.ofMillis(400)));
        ReplProtocolException e = assertThrows(ReplProtocolException.class, () -> repl.exec("print(1)"));
        assertTrue(e.getMessage().contains("could not enter the raw REPL"), e.getMessage());
    }
}
