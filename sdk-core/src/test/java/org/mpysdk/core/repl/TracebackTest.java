package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/** MicroPython tracebacks as the firmware prints them. */
class TracebackTest {

    @Test
    void parsesTypeMessageFileAndLine() {
        Traceback t = Traceback.parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 3, in <module>\r\n"
                + "  File \"lib/x.py\", line 12, in f\r\nOSError: [Errno 2] ENOENT\r\n");
        assertEquals("OSError", t.type());
        assertEquals("[Errno 2] ENOENT", t.message());
        assertEquals("lib/x.py", t.file());
        assertEquals(12, t.line());
        assertEquals(2, t.errno());
    }

    @Test
    void handlesV19Forms() {
        assertEquals(2, Traceback.parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: file not found\r\n").errno());
        Traceback syntax = Traceback.parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n");
        assertEquals("SyntaxError", syntax.type());
        assertEquals(1, syntax.line());
        Traceback mem = Traceback.parse("MemoryError: memory allocation failed, allocating 1001 bytes\r\n");
        assertEquals("MemoryError", mem.type());
        assertNull(mem.file());
        assertEquals(-1, mem.line());
        Traceback kbd = Traceback.parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n");
        assertEquals("KeyboardInterrupt", kbd.type());
        assertEquals("", kbd.message());
        assertEquals(-1, kbd.errno());
    }

    @FuzzTest(maxDuration = "10s")
    void neverFails(FuzzedDataProvider data) {
        Traceback t = Traceback.parse(data.consumeRemainingAsString());
        assertNotNull(t.type());
        assertNotNull(t.message());
        t.errno();
    }
}
