package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class RawReplTrackerTest {

    private static String feed(RawReplTracker t, String input) {
        StringBuilder out = new StringBuilder();
        for (char c : input.toCharArray()) {
            out.append((char) t.translate(c));
        }
        return out.toString();
    }

    @Test
    void rawPasteRequestAtTheRawPromptBecomesTheRefusedCommand() {
        RawReplTracker t = new RawReplTracker();
        assertEquals("\u0001\u0005B\u0001", feed(t, "\u0001\u0005A\u0001"));
        assertTrue(t.raw());
        // After an exec (Ctrl-D) the line is empty again.
        assertEquals("print(1)\u0004\u0005B\u0001", feed(t, "print(1)\u0004\u0005A\u0001"));
    }

    @Test
    void theSameBytesElsewhereAreLeftAlone() {
        RawReplTracker t = new RawReplTracker();
        assertEquals("\u0005A\u0001", feed(t, "\u0005A\u0001"), "friendly REPL: Ctrl-E is paste mode");
        assertEquals("x\u0005A", feed(t, "x\u0005A"), "inside a raw line");
        feed(t, "\u0002");
        assertFalse(t.raw());
    }

    /** Only an 'A' right after a Ctrl-E at the start of a raw line is ever changed, and only to 'B'. */
    @FuzzTest(maxDuration = "10s")
    void changesNothingButTheRawPasteRequest(byte[] in) {
        RawReplTracker t = new RawReplTracker();
        int prev = -1;
        for (byte b : in) {
            int c = b & 0xFF;
            int out = t.translate(c);
            if (out != c) {
                assertEquals('A', c);
                assertEquals('B', out);
                assertEquals(5, prev);
            }
            prev = c;
        }
    }
}
