package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class FileReplyTest {

    @Test
    void statusRepliesAsTheBoardWritesThem() throws Exception {
        assertEquals(0, FileReply.status(new byte[] {'W', 'B', 0, 0}));
        assertEquals(0x0201, FileReply.status(new byte[] {'W', 'B', 1, 2}));
        assertArrayEquals(new byte[] {'W', 'B', (byte) 0xFF, (byte) 0xFF}, FileReply.encodeStatus(0xFFFF));
    }

    @Test
    void wrongRepliesAreTypedErrors() {
        WebReplProtocolException e = assertThrows(WebReplProtocolException.class,
                () -> FileReply.status(new byte[] {'W', 'A', 0, 0}));
        assertTrue(e.getMessage().contains("\"WA\\x00\\x00\""), e.getMessage());
        assertThrows(WebReplProtocolException.class, () -> FileReply.status(new byte[3]));
        assertThrows(WebReplProtocolException.class, () -> FileReply.status(null));
        assertThrows(WebReplProtocolException.class, () -> FileReply.chunkLength(new byte[] {1, 1}));
        assertThrows(WebReplProtocolException.class, () -> FileReply.version(new byte[2]));
    }

    @Test
    void chunkLengthsAndVersion() throws Exception {
        assertEquals(256, FileReply.chunkLength(new byte[] {0, 1}));
        assertEquals(0, FileReply.chunkLength(new byte[] {0, 0}));
        assertEquals(new MicroPythonVersion(1, 24, 1), FileReply.version(new byte[] {1, 24, 1}));
    }

    /** Every status survives encode then parse. */
    @FuzzTest(maxDuration = "10s")
    void statusRoundTrip(FuzzedDataProvider data) throws Exception {
        int status = data.consumeInt(0, 0xFFFF);
        assertEquals(status, FileReply.status(FileReply.encodeStatus(status)));
    }

    /** Garbage fed to every parser either parses within its limits or fails with the typed exception. */
    @FuzzTest(maxDuration = "10s")
    void garbageParsesOrFailsTyped(byte[] bytes) {
        try {
            int s = FileReply.status(bytes);
            assertTrue(s >= 0 && s <= 0xFFFF);
            assertArrayEquals(bytes, FileReply.encodeStatus(s));
        } catch (WebReplProtocolException expected) {
            // typed refusal
        }
        try {
            int n = FileReply.chunkLength(bytes);
            assertTrue(n >= 0 && n <= FileReply.MAX_CHUNK);
        } catch (WebReplProtocolException expected) {
            // typed refusal
        }
        try {
            MicroPythonVersion v = FileReply.version(bytes);
            assertEquals(bytes[0] & 0xFF, v.major());
        } catch (WebReplProtocolException expected) {
            // typed refusal
        }
    }
}
