package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mpysdk.Board;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/** What a user writes: a fresh virtual board per test, on whatever JUnit 5.10+ or 6 the project uses. */
@VirtualMicroPython
class ConsumerTest {
    @Test
    void runsCodeOnRealMicroPython(Board board) throws IOException {
        assertEquals("False", board.repl().eval("'leftover' in globals()"), "a board shared with the other test");
        board.repl().exec("leftover = 1");
        assertEquals("3", board.repl().eval("1 + 2"));
    }

    @Test
    void eachTestGetsAFreshBoard(Board board) throws IOException {
        assertEquals("False", board.repl().eval("'leftover' in globals()"), "a board shared with the other test");
        board.repl().exec("leftover = 1");
    }
}
