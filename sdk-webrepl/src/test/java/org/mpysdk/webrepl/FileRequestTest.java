package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileRequestTest {

    @Test
    void putRecordHasTheLayoutOfWebreplCli() throws Exception {
        // struct.pack("<2sBBQLH64s", b"WA", 1, 0, 0, 0x01020304, 8, b"/main.py")
        byte[] wire = FileRequest.put("/main.py", 0x01020304).encode();
        assertEquals(82, wire.length);
        assertArrayEquals(new byte[] {'W', 'A', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 3, 2, 1, 8, 0}, Arrays.copyOf(wire, 18));
        assertArrayEquals("/main.py".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(wire, 18, 26));
        for (int i = 26; i < 82; i++) {
            assertEquals(0, wire[i], "padding at " + i);
        }
    }

    @Test
    void versionAndGetRecords() throws Exception {
        byte[] ver = FileRequest.version().encode();
        assertEquals(3, ver[2]);
        assertEquals(FileOp.GET_VER, FileRequest.decode(ver).op());
        FileRequest get = FileRequest.decode(FileRequest.get("/a/b.txt").encode());
        assertEquals(FileOp.GET_FILE, get.op());
        assertEquals("/a/b.txt", get.nameText());
        assertEquals(0, get.size());
    }

    @Test
    void sixtyThreeBytesIsTheLongestName() throws Exception {
        String ok = "x".repeat(63);
        assertEquals(ok, FileRequest.decode(FileRequest.put(ok, 1).encode()).nameText());
        WebReplFileException e = assertThrows(WebReplFileException.class, () -> FileRequest.put("x".repeat(64), 1));
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        assertThrows(WebReplFileException.class, () -> FileRequest.get("é".repeat(32)));
        assertThrows(WebReplFileException.class, () -> FileRequest.get("a\0b"));
        assertThrows(WebReplFileException.class, () -> FileRequest.get(""));
    }

    @Test
    void sizesUpTo4GiBMinusOneAreUnsigned() throws Exception {
        FileRequest r = FileRequest.put("/big", 0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFFL, FileRequest.decode(r.encode()).size());
        assertThrows(IllegalArgumentException.class, () -> FileRequest.put("/big", 1L << 32));
    }

    @Test
    void decodeReadsTheNameAsTheBoardDoesUpToTheFirstZero() throws Exception {
        byte[] wire = FileRequest.put("/abc", 5).encode();
        wire[16] = 99; // the length field is ignored by the board
        wire[20] = 0;  // "/a" then zero: the board sees "/a"
        FileRequest r = FileRequest.decode(wire);
        assertEquals("/a", r.nameText());
        assertEquals(99, r.nameLength());
    }

    @Test
    void garbageIsATypedError() {
        assertThrows(WebReplProtocolException.class, () -> FileRequest.decode(new byte[81]));
        assertThrows(WebReplProtocolException.class, () -> FileRequest.decode(null));
        byte[] wrongSig = FileRequest.version().encode();
        wrongSig[1] = 'B';
        assertThrows(WebReplProtocolException.class, () -> FileRequest.decode(wrongSig));
        byte[] wrongOp = FileRequest.version().encode();
        wrongOp[2] = 9;
        assertThrows(WebReplProtocolException.class, () -> FileRequest.decode(wrongOp));
        byte[] noZero = FileRequest.version().encode();
        Arrays.fill(noZero, 18, 82, (byte) 'x');
        assertThrows(WebReplProtocolException.class, () -> FileRequest.decode(noZero));
    }

    /** Every valid request survives encode then decode unchanged, and is always 82 bytes. */
    @FuzzTest(maxDuration = "10s")
    void roundTrip(FuzzedDataProvider data) throws Exception {
        FileOp op = data.pickValue(FileOp.values());
        int flags = data.consumeInt(0, 255);
        long offset = data.consumeLong();
        long size = data.consumeLong(0, 0xFFFF_FFFFL);
        int nameLength = data.consumeInt(0, 0xFFFF);
        byte[] name = data.consumeBytes(63);
        for (int i = 0; i < name.length; i++) {
            if (name[i] == 0) {
                name[i] = 1;
            }
        }
        FileRequest r = new FileRequest(op, flags, offset, size, nameLength, name);
        byte[] wire = r.encode();
        assertEquals(FileRequest.LENGTH, wire.length);
        assertEquals(r, FileRequest.decode(wire));
        assertArrayEquals(wire, FileRequest.decode(wire).encode());
    }

    /** Any bytes either decode to a request that re-encodes consistently, or fail with the typed exception. */
    @FuzzTest(maxDuration = "10s")
    void garbageDecodesOrFailsTyped(byte[] wire) {
        try {
            FileRequest r = FileRequest.decode(wire);
            assertEquals(FileRequest.LENGTH, wire.length);
            assertTrue(r.name().length <= FileRequest.MAX_NAME_BYTES);
            FileRequest again = FileRequest.decode(r.encode());
            assertEquals(r, again);
        } catch (WebReplProtocolException expected) {
            // typed refusal
        }
    }
}
