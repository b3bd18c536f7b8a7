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
    void encodesCompactlyAndParsesMicroPythonRepr() throws java.text.ParseException {
        assertEquals("b'a\\x00\\'\\\\\\xff'", PyLiterals.bytesLiteral(new byte[] {'a', 0, '\'', '\\', (byte) 0xFF}, 0, 5));
        // As MicroPython 1.9.2 printed repr(bytes([39, 34])) and repr(b'\x7f\x80\t\n\r\\').
        assertArrayEquals(new byte[] {39, 34}, PyLiterals.parse("b'\\'\"'"));
        assertArrayEquals(new byte[] {39}, PyLiterals.parse("b\"'\""));
        assertArrayEquals(new byte[] {0x7f, (byte) 0x80, 9, 10, 13, 92}, PyLiterals.parse("b'\\x7f\\x80\\t\\n\\r\\\\'"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), PyLiterals.parse("'é'"));
        assertEquals("'a\\'b\\n'", PyLiterals.stringLiteral("a'b\n"));
    }

    /**
     * Found by the Wi-Fi work: MicroPython 1.27 prints {@code repr('é')} as {@code '\xe9'}, the
     * character, and {@code repr('✓')} as {@code '\u2713'}; the micro:bit's 1.9.2, without unicode
     * strings, prints the UTF-8 bytes of {@code 'é'} as {@code '\xc3\xa9'}. Both must read as é.
     */
    @Test
    void strEscapesAreCharactersOnUnicodeFirmwareAndBytesOnOther() throws java.text.ParseException {
        assertEquals("h\u00e9", new String(PyLiterals.parse("'h\\xe9'"), StandardCharsets.UTF_8));
        assertEquals("\u2713 \u00e9", new String(PyLiterals.parse("'\\u2713 \\xe9'"), StandardCharsets.UTF_8));
        assertEquals("\ud83d\ude00", new String(PyLiterals.parse("'\\U0001f600'"), StandardCharsets.UTF_8));
        assertEquals("h\u00e9", new String(PyLiterals.parse("'h\\xc3\\xa9'"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {(byte) 0xE9}, PyLiterals.parse("b'\\xe9'"), "a bytes literal stays bytes");
        assertThrows(java.text.ParseException.class, () -> PyLiterals.parse("b'\\u2713'"));
    }

    @Test
    void rejectsWhatIsNotALiteral() {
        for (String bad : new String[] {"", "b", "'", "b'abc", "abc", "'a\\'", "b'\\xg0'", "b'\\q'", "'a'b'"}) {
            assertThrows(java.text.ParseException.class, () -> PyLiterals.parse(bad), bad);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void roundTrip(byte[] bytes) throws java.text.ParseException {
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
        } catch (java.text.ParseException expected) {
            assertTrue(expected.getMessage().startsWith("expected a Python literal"));
        }
    }
}
