package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RebootWatchTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSoftResetIsCompleteAtTheNextPromptEvenSplitOverReads() {
        RebootWatch w = new RebootWatch();
        assertFalse(w.feed(b(">>> print(1)\r\n1\r\n>>> ")), "prompts alone are no reset");
        assertFalse(w.feed(b("MPY: soft re")));
        assertFalse(w.feed(b("boot\r\nMicroPython v1.29.0 on qemu\r\nType \"help()\" for more information.\r\n>>")));
        assertTrue(w.feed(b("> ")));
        assertFalse(w.feed(b("\r\n>>> ")), "once per reset");
    }
}
