package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardResetException;
import org.mpysdk.core.repl.Repl;

/**
 * Code that soft-resets the board (MicroPython 1.27 in the JVM): the exec ends as soon as the board's
 * new prompt arrives, with {@link BoardResetException}, instead of waiting out its timeout.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(120)
class ReplSoftResetTest {

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Before the fix the exec waited out its whole timeout (30 s here) and then failed as a timeout. */
    @Test
    void sysExitIsReportedAsASoftResetAtOnce(Board board) throws IOException {
        Repl repl = board.repl();
        repl.exec("kept = 1\nopen('file.txt', 'w').write('stays')");
        long t0 = System.nanoTime();
        BoardResetException e = assertThrows(BoardResetException.class,
                () -> repl.exec("print('bye')\nimport sys\nsys.exit()", Duration.ofSeconds(30)));
        long millis = millisSince(t0);
        assertTrue(e.soft(), e.getMessage());
        assertTrue(millis < 10_000, "the soft reset was reported after " + millis + " ms");
        assertEquals("False", repl.eval("'kept' in globals()"), "the REPL is usable and the Python state is gone");
        assertEquals("'stays'", repl.eval("open('file.txt').read()"));
    }

    @Test
    void raisingSystemExitIsTheSame(Board board) throws IOException {
        long t0 = System.nanoTime();
        assertThrows(BoardResetException.class, () -> board.repl().exec("raise SystemExit(3)", Duration.ofSeconds(30)));
        assertTrue(millisSince(t0) < 10_000);
        assertEquals("2", board.repl().eval("1+1"));
    }
}
