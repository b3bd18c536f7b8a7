package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad arguments fail at once on the host, with a message, before anything is sent to the board. */
class ReplArgumentsTest {
    private final FakeRawReplBoard board = new FakeRawReplBoard(code -> FakeRawReplBoard.Reply.out("1\r\n"),
            FakeRawReplBoard.Paste.OLD_FIRMWARE, 32);
    private final Repl repl = Repl.over(board);

    @Test
    void nullCodeSaysWhatToPass() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> repl.exec(null));
        assertTrue(e.getMessage().contains("code must not be null"), e.getMessage());
    }

    @Test
    void zeroAndNegativeTimeoutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> repl.exec("pass", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> repl.exec("pass", Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> repl.exec("pass", null));
        assertThrows(IllegalArgumentException.class, () -> ReplOptions.defaults().withExecTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ReplOptions.defaults().withEnterTimeout(Duration.ofMillis(-5)));
        assertThrows(IllegalArgumentException.class, () -> ReplOptions.defaults().withPlainChunking(8, Duration.ZERO));
    }

    @Test
    void evalOfAStatementSaysToUseExec() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repl.eval("x = 5"));
        assertTrue(e.getMessage().contains("exec(\"x = 5\")"), e.getMessage());
        assertEquals(0, board.pasteRequests, "nothing was sent");
    }
}
