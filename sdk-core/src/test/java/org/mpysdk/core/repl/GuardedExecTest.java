package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;

/**
 * Damaged code never runs: bytes lost on the way to a board without flow control make the guard's
 * check fail on the board, and the SDK sends the code again. The fake board checks the guard exactly
 * as the helper does on a real board (length and hash of the decoded literal).
 */
class GuardedExecTest {
    private static final String CODE = "x = 6 * 7\nprint('answer', x)";
    private final List<String> ran = new ArrayList<>();

    /** A board whose program records each piece of code it runs and prints its length. */
    private Function<String, FakeRawReplBoard.Reply> recording() {
        return code -> {
            if (code.startsWith("print('SDK'+'")) {
                return FakeRawReplBoard.Reply.out("SDK" + code.substring(13, 19) + "\r\n");
            }
            ran.add(code);
            if (code.startsWith("import os,gc")) {
                return FakeRawReplBoard.Reply.out("F binascii hashlib 1 1 1 1 0 100000\r\n");
            }
            if (code.startsWith("1/0")) {
                return FakeRawReplBoard.Reply.error("", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                        + "ZeroDivisionError: divide by zero\r\n");
            }
            return FakeRawReplBoard.Reply.out(code.length() + "\r\n");
        };
    }

    private static Repl repl(FakeRawReplBoard board, ReplOptions options) {
        Cancellation c = new Cancellation();
        return new Repl(board, options, () -> ProgressListener.NONE, () -> c);
    }

    private static FakeRawReplBoard plainBoard(Function<String, FakeRawReplBoard.Reply> program) {
        return new FakeRawReplBoard(program, FakeRawReplBoard.Paste.OLD_FIRMWARE, 32);
    }

    @Test
    void aByteLostInsideTheCodeIsCaughtAndTheCodeSentAgain() throws IOException {
        FakeRawReplBoard board = plainBoard(recording());
        Repl repl = repl(board, ReplOptions.defaults());
        repl.enter();
        // Lose bytes well inside the literal of the first submission (past the helper's definition).
        board.loseWrittenBytes(300, 310);
        assertEquals(Integer.toString(CODE.length()), repl.exec(CODE).text());
        assertEquals(List.of(CODE), ran, "only the intact code ran, once");
    }

    /**
     * Uploads write each chunk in one burst, trading a rare resend for fewer pauses; once the connection
     * has lost input they are paced like other code, because a board that lost input once will again.
     */
    @Test
    void afterDamageUploadsArePacedToo() throws IOException {
        FakeRawReplBoard board = plainBoard(recording());
        Repl repl = repl(board, ReplOptions.defaults());
        repl.enter();
        byte[] chunk = ("x = 1\n".repeat(40) + "print(x)").getBytes(StandardCharsets.UTF_8);
        java.time.Duration timeout = java.time.Duration.ofSeconds(10);
        repl.run(chunk, OutputSink.DISCARD, timeout, null, false);
        assertTrue(board.largestWrite > ReplOptions.defaults().plainChunk(), "one burst at first: " + board.largestWrite);
        board.loseWrittenBytes(20);
        repl.exec(CODE);
        board.largestWrite = 0;
        repl.run(chunk, OutputSink.DISCARD, timeout, null, false);
        assertEquals(ReplOptions.defaults().plainChunk(), board.largestWrite, "paced after the loss");
        assertEquals(3, ran.size(), "each ran once: " + ran);
    }

    /**
     * Raw-paste has flow control but no check: a window grant lost on the way back leaves the host
     * waiting for it while the board waits for code, until the exec's timeout. The guarded paste is ended
     * after a stall (cut short, it cannot compile) and sent again, long before that timeout. (A lost code
     * byte alone does not stall: the host has a window of slack and the grants come one byte later.)
     */
    @Test
    void aStalledRawPasteIsEndedAndSentAgain() throws IOException {
        FakeRawReplBoard board = new FakeRawReplBoard(recording(), FakeRawReplBoard.Paste.SUPPORTED, 32);
        Repl repl = repl(board, ReplOptions.defaults());
        repl.enter();
        String code = "y = 1\n".repeat(30) + "print(y)";
        repl.exec(code);
        board.loseNextGrant = true;
        board.loseWrittenBytes(3 + 40); // and a code byte too: the first send must not run
        assertEquals(Integer.toString(code.length()), repl.exec(code, java.time.Duration.ofSeconds(8)).text());
        assertEquals(List.of(code, code), ran, "the intact code ran, once per exec");
    }

    @Test
    void withoutTheGuardTheSameLossRunsOtherCode() throws IOException {
        // What the guard prevents: the plain raw REPL runs whatever arrived.
        FakeRawReplBoard board = plainBoard(recording());
        board.expectGuard = false;
        Repl repl = repl(board, ReplOptions.defaults().withGuard(false));
        repl.enter();
        board.loseWrittenBytes(5);
        repl.exec(CODE);
        assertEquals(1, ran.size());
        assertNotEquals(CODE, ran.get(0), "the board ran damaged code");
    }

    @Test
    void theFeatureProbeIsGuardedToo() throws IOException {
        FakeRawReplBoard board = plainBoard(recording());
        Repl repl = repl(board, ReplOptions.defaults());
        repl.exec("pass");
        board.loseWrittenBytes(60, 200, 400);
        FirmwareFeatures f = repl.features();
        assertEquals("binascii", f.binascii());
        assertTrue(ran.stream().allMatch(c -> c.equals("pass") || c.equals(FirmwareFeatures.PROBE)), ran.toString());
    }

    @Test
    void everyLossAnywhereInTheSubmissionEndsWithTheRightResultOrATypedError() throws IOException {
        // Each position of the guarded submission, the helper's definition included, in turn.
        FakeRawReplBoard board = plainBoard(recording());
        // The fake's input never overflows: no pacing needed, which keeps the 60 rounds quick.
        Repl repl = repl(board, ReplOptions.defaults().withPlainChunking(1 << 16, java.time.Duration.ZERO)
                .withInterruptGrace(java.time.Duration.ofMillis(300)));
        repl.enter();
        int length = SubmissionGuard.wrap(CODE.getBytes(StandardCharsets.UTF_8), true).length;
        for (int at = 0; at < length; at += 7) {
            board.helperDefined = false;
            repl.exec("pass"); // defines the helper
            board.helperDefined = false; // so that the next submission carries the definition again
            ran.clear();
            board.loseWrittenBytes(at);
            try {
                assertEquals(Integer.toString(CODE.length()), repl.exec(CODE).text(), "loss at " + at);
            } catch (ReplProtocolException e) {
                // Typed and honest: the code did not run (or its reply says so).
            }
            assertTrue(ran.stream().allMatch(CODE::equals), "loss at " + at + " ran " + ran);
            assertTrue(ran.size() <= 1, "loss at " + at + " ran the code " + ran.size() + " times");
        }
    }

    @Test
    void aLinkThatDamagesEverythingFailsTypedAndTheReplStaysUsable() throws IOException {
        FakeRawReplBoard board = plainBoard(recording());
        Repl repl = repl(board, ReplOptions.defaults());
        repl.exec("pass");
        board.damageEveryGuardedSubmission = true;
        CodeDamagedException e = assertThrows(CodeDamagedException.class, () -> repl.exec(CODE));
        assertTrue(e.getMessage().contains("never ran"), e.getMessage());
        assertEquals(List.of("pass"), ran);
        board.damageEveryGuardedSubmission = false;
        assertEquals(Integer.toString(CODE.length()), repl.exec(CODE).text());
    }

    @Test
    void aHelperThatVanishedIsDefinedAgain() throws IOException {
        FakeRawReplBoard board = plainBoard(recording());
        Repl repl = repl(board, ReplOptions.defaults());
        repl.exec("pass");
        board.helperDefined = false; // as after `del __mg` or an unnoticed reset
        assertEquals(Integer.toString(CODE.length()), repl.exec(CODE).text());
        assertEquals(List.of("pass", CODE), ran);
    }

    @Test
    void tracebacksReadAsThePlainRawReplPrintsThem() throws IOException {
        FakeRawReplBoard board = plainBoard(recording());
        Repl repl = repl(board, ReplOptions.defaults());
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> repl.exec("1/0"));
        assertEquals("ZeroDivisionError", e.type());
        assertEquals("<stdin>", e.traceback().file());
        assertEquals(1, e.traceback().line());
        assertFalse(e.traceback().text().contains("<string>"), e.traceback().text());
        assertEquals(1, e.traceback().text().split("File ").length - 1, "only the user's frame: " + e.traceback().text());
    }
}
