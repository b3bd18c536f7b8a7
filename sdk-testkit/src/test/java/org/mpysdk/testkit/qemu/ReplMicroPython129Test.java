package org.mpysdk.testkit.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.Board;
import org.mpysdk.core.repl.BoardResetException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.testkit.built.BuiltPeers;

/**
 * The raw REPL against MicroPython 1.29 on an emulated Cortex-M3 (a built peer: skipped where it is not
 * built), where a soft reset is real and raw-paste works.
 */
@Tag(BuiltPeers.TAG)
@Timeout(120)
class ReplMicroPython129Test {
    private static MicroPython129 peer;
    private Board board;
    private Repl repl;

    @BeforeAll
    static void start() throws IOException {
        peer = MicroPython129.start();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    @BeforeEach
    void open() throws IOException {
        board = Board.open(peer.pty());
        repl = board.repl();
    }

    @AfterEach
    void close() {
        board.close();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Before the fix the exec waited out its whole timeout (30 s here) and then failed as a timeout. */
    @Test
    void sysExitIsReportedAsASoftResetAtOnce() throws IOException {
        repl.exec("kept = 1");
        long t0 = System.nanoTime();
        BoardResetException e = assertThrows(BoardResetException.class,
                () -> repl.exec("print('bye')\nimport sys\nsys.exit()", Duration.ofSeconds(30)));
        long millis = millisSince(t0);
        assertTrue(e.soft(), e.getMessage());
        assertTrue(millis < 10_000, "the soft reset was reported after " + millis + " ms");
        assertEquals("False", repl.eval("'kept' in globals()"), "the REPL is usable and the Python state is gone");
    }

    @Test
    void machineSoftResetIsReportedTheSameWay() throws IOException {
        long t0 = System.nanoTime();
        BoardResetException e = assertThrows(BoardResetException.class,
                () -> repl.exec("import machine\nmachine.soft_reset()", Duration.ofSeconds(30)));
        assertTrue(e.soft(), e.getMessage());
        assertTrue(millisSince(t0) < 10_000);
        assertEquals("2", repl.eval("1+1"));
    }

    @Test
    void rawPasteIsUsedForLongCode() throws IOException {
        StringBuilder code = new StringBuilder("t = 0\n");
        for (int i = 0; i < 200; i++) {
            code.append("t += ").append(i).append("  # long enough to need raw-paste and its flow control\n");
        }
        code.append("print(t)");
        assertEquals(String.valueOf(199 * 200 / 2), repl.exec(code.toString()).text());
        assertEquals(Repl.RawPaste.SUPPORTED, repl.rawPaste());
    }
}
