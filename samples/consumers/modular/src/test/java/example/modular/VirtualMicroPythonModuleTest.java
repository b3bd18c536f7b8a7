package example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mpysdk.Board;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/** The testkit's JUnit extension, instantiated by JUnit from the named module org.mpysdk.testkit. */
@VirtualMicroPython
class VirtualMicroPythonModuleTest {
    @Test
    void theExtensionHandsOverABoard(Board board) throws IOException {
        assertEquals("org.mpysdk.testkit", board.transport().getClass().getModule().getName());
        assertEquals("3", board.repl().eval("1 + 2"));
    }
}
