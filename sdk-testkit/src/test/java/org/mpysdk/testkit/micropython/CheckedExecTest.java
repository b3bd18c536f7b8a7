package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplOptions;
import org.mpysdk.core.repl.ReplyDamagedException;

/**
 * Output checked end to end on real MicroPython (1.27 in the JVM): {@code execChecked} returns what the
 * code printed only when it matches the board's own count, and {@code eval}'s answer likewise.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(60)
class CheckedExecTest {
    private static Repl over(FaultyLink link) {
        Cancellation c = new Cancellation();
        return new Repl(link, ReplOptions.defaults(), () -> ProgressListener.NONE, () -> c);
    }

    @Test
    void checkedOutputIsWhatTheCodePrinted(Board board) throws IOException {
        Repl repl = board.repl();
        assertEquals("45\nx y-z\n", repl.execChecked("print(sum(range(10)))\nprint('x', 'y', sep=' ', end='-')\nprint('z')")
                .stdout().replace("\r\n", "\n"));
        assertEquals("é€\n", repl.execChecked("def f():\n    print('\\xe9\\u20ac')\nf()").stdout().replace("\r\n", "\n"));
        assertEquals("", repl.execChecked("x = 1").stdout());
        assertEquals("1", repl.eval("x"), "the code ran in the board's globals, as exec does");
        assertEquals("<built-in function print>", repl.eval("print").replace("<function>", "<built-in function print>"),
                "print is the built-in again afterwards");
    }

    @Test
    void aRaisingCodeKeepsItsOutputAndTraceback(Board board) throws IOException {
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> board.repl().execChecked("print('before')\nraise ValueError('bad')"));
        assertEquals("ValueError", e.type());
        assertEquals("before", e.stdout().strip());
        assertEquals(2, e.line());
        assertTrue(!e.traceback().text().contains("<string>"), e.traceback().text());
    }

    @Test
    void outputDamagedOnTheWayBackIsNeverReturned(MicroPythonTransport transport) throws IOException {
        FaultyLink link = new FaultyLink(transport).corruptReplyAfter(code -> code.contains("__mgo=print"), 4, false);
        Repl repl = over(link);
        assertThrows(ReplyDamagedException.class, () -> repl.execChecked("print(123456789)"));
        assertEquals(1, link.faults());
        assertEquals("123456789\n", repl.execChecked("print(123456789)").stdout().replace("\r\n", "\n"), "the REPL stays usable");
    }

    @Test
    void aDamagedEvalAnswerIsNeverReturned(MicroPythonTransport transport) throws IOException {
        FaultyLink link = new FaultyLink(transport).corruptReplyAfter(code -> code.contains("__mge=repr("), 4, false);
        Repl repl = over(link);
        assertThrows(ReplyDamagedException.class, () -> repl.eval("123456789 * 2"));
        assertEquals(1, link.faults());
        assertEquals("246913578", repl.eval("123456789 * 2"));
    }

    @Test
    void outputWrittenOtherThanByPrintFailsTheCheckRatherThanPassingUnchecked(Board board) {
        assertThrows(ReplyDamagedException.class, () -> board.repl().execChecked("import sys\nsys.stdout.write('raw\\n')"));
    }
}
