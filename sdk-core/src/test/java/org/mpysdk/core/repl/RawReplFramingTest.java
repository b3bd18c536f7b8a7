package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The raw REPL reply parser: examples, and properties over arbitrary output split at arbitrary points. */
class RawReplFramingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private record Parsed(byte[] stdout, byte[] stderr, int consumed, boolean complete) {
    }

    private static Parsed parse(byte[] reply, boolean expectOk, int... cuts) throws ReplProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawReplFraming f = new RawReplFraming(expectOk, out::write, 4096, 64);
        int consumed = 0;
        int from = 0;
        java.util.List<Integer> points = new java.util.ArrayList<>();
        for (int c : cuts) {
            points.add(Math.max(0, Math.min(reply.length, c)));
        }
        java.util.Collections.sort(points);
        points.add(reply.length);
        for (int to : points) {
            if (to < from) {
                continue;
            }
            if (!f.complete()) {
                consumed += f.feed(reply, from, to - from);
            }
            from = to;
        }
        return new Parsed(out.toByteArray(), f.complete() ? f.stderr() : null, consumed, f.complete());
    }

    @Test
    void plainSuccess() throws ReplProtocolException {
        Parsed p = parse(b("OK2\r\n\u0004\u0004>"), true);
        assertArrayEquals(b("2\r\n"), p.stdout());
        assertArrayEquals(new byte[0], p.stderr());
    }

    @Test
    void errorTextIsSeparated() throws ReplProtocolException {
        Parsed p = parse(b("OKhi\r\n\u0004Traceback...\r\nValueError: x\r\n\u0004>"), true, 3, 9);
        assertArrayEquals(b("hi\r\n"), p.stdout());
        assertArrayEquals(b("Traceback...\r\nValueError: x\r\n"), p.stderr());
    }

    @Test
    void eotInsideStdoutIsKept() throws ReplProtocolException {
        // What MicroPython sends for print('a\x04b'): stdout holds an EOT of its own.
        Parsed p = parse(b("OKa\u0004b\r\n\u0004\u0004>"), true, 4);
        assertArrayEquals(b("a\u0004b\r\n"), p.stdout());
        assertArrayEquals(new byte[0], p.stderr());
        Parsed q = parse(b("OK\u0004>x\r\n\u0004\u0004>"), true);
        assertArrayEquals(b("\u0004>x\r\n"), q.stdout());
    }

    @Test
    void bytesAfterThePromptAreNotConsumed() throws ReplProtocolException {
        byte[] reply = b("OKx\u0004\u0004>tail");
        Parsed p = parse(reply, true);
        assertEquals(reply.length - 4, p.consumed());
    }

    @Test
    void staleBytesBeforeOkAreSkippedButNotForever() throws ReplProtocolException {
        Parsed p = parse(b("junk\r\nOKy\u0004\u0004>"), true);
        assertArrayEquals(b("y"), p.stdout());
        assertThrows(ReplProtocolException.class, () -> parse(b("z".repeat(500)), true));
        assertThrows(ReplProtocolException.class, () -> parse(b("\r\n>>> "), true));
    }

    @Test
    void rawPasteRepliesHaveNoOk() throws ReplProtocolException {
        Parsed p = parse(b("out\u0004\u0004>"), false);
        assertArrayEquals(b("out"), p.stdout());
        assertTrue(p.complete());
    }

    /**
     * Property: for any stdout without {@code \x04>} and any error text without {@code \x04} (not
     * starting with {@code >}, like every MicroPython traceback), the reply cut at arbitrary points
     * parses to exactly that stdout and error text, and the bytes after the reply stay unread.
     */
    @FuzzTest(maxDuration = "10s")
    void anySplitParsesTheSame(FuzzedDataProvider data) throws ReplProtocolException {
        byte[] stdout = data.consumeBytes(data.consumeInt(0, 3000));
        byte[] err = data.consumeBytes(data.consumeInt(0, 300));
        String so = new String(stdout, StandardCharsets.ISO_8859_1).replace("\u0004>", "\u0004.");
        String se = new String(err, StandardCharsets.ISO_8859_1).replace('\u0004', '.');
        if (se.startsWith(">")) {
            se = "." + se.substring(1);
        }
        boolean ok = data.consumeBoolean();
        byte[] reply = b((ok ? "OK" : "") + so + "\u0004" + se + "\u0004>" + "after");
        int[] cuts = new int[data.consumeInt(0, 20)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, reply.length);
        }
        Parsed p = parse(reply, ok, cuts);
        assertTrue(p.complete());
        assertArrayEquals(b(so), p.stdout());
        assertArrayEquals(b(se), p.stderr());
        assertEquals(reply.length - "after".length(), p.consumed());
    }

    /** Garbage never hangs the parser or grows its memory: it completes, waits, or throws the typed exception. */
    @FuzzTest(maxDuration = "10s")
    void garbageIsBounded(FuzzedDataProvider data) {
        boolean ok = data.consumeBoolean();
        byte[] junk = data.consumeRemainingAsBytes();
        RawReplFraming f = new RawReplFraming(ok, (b, o, n) -> { }, 256, 64);
        try {
            int used = f.feed(junk, 0, junk.length);
            assertTrue(used >= 0 && used <= junk.length);
            assertFalse(!f.complete() && used < junk.length, "stopped early without completing");
            assertTrue(f.heldBytes() <= 256);
        } catch (ReplProtocolException e) {
            assertTrue(e.getMessage().contains("OK") || e.getMessage().contains(">>>"), e.getMessage());
        }
    }
}
