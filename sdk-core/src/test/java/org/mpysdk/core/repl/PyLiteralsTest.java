package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.internal.PyLiterals;

/** Bytes literals written into code and repr() text read back. */
class PyLiteralsTest {

    @Test
    void encodesCompactlyAndParsesMicroPythonRepr() throws ReplProtocolException {
        assertEquals("b'a\\x00\\'\\\\\\xff'", PyLiterals.bytesLiteral(new byte[] {'a', 0, '\'', '\\', (byte) 0xFF}, 0, 5));
        // As MicroPython 1.9.2 printed repr(bytes([39, 34])) and repr(b'\x7f\x80\t\n\r\\').
        assertArrayEquals(new byte[] {39, 34}, PyLiterals.parse("b'\\'\"'"));
        assertArrayEquals(new byte[] {39}, PyLiterals.parse("b\"'\""));
        assertArrayEquals(new byte[] {0x7f, (byte) 0x80, 9, 10, 13, 92}, PyLiterals.parse("b'\\x7f\\x80\\t\\n\\r\\\\'"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), PyLiterals.parse("'é'"));
        assertEquals("'a\\'b\\n'", PyLiterals.stringLiteral("a'b\n"));
    }

    @Test
    void rejectsWhatIsNotALiteral() {
        for (String bad : new String[] {"", "b", "'", "b'abc", "abc", "'a\\'", "b'\\xg0'", "b'\\q'", "'a'b'"}) {
            assertThrows(ReplProtocolException.class, () -> PyLiterals.parse(bad), bad);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void roundTrip(byte[] bytes) throws ReplProtocolException {
        String lit = PyLiterals.bytesLiteral(bytes, 0, bytes.length);
        assertEquals(lit.length(), PyLiterals.bytesLiteralLength(bytes, 0, bytes.length));
        assertTrue(lit.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "pure printable ASCII");
        assertArrayEquals(bytes, PyLiterals.parse(lit));
    }

    @FuzzTest(maxDuration = "10s")
    void garbageEitherParsesOrThrowsTyped(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            PyLiterals.parse(s);
        } catch (ReplProtocolException expected) {
            assertTrue(expected.getMessage().startsWith("expected a Python literal"));
        }
    }
}
