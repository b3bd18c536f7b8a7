package org.mpysdk.testkit.micropython;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.internal.PyLiterals;

/**
 * A link that damages traffic on purpose, once, at a point the test chooses, in front of a real board:
 * it drops the {@code OK} that acknowledges a chunk, changes one character of what the board sends,
 * changes a chunk on the way to the board without changing its length or byte sum, or goes dead.
 * Each fault is armed by the exec whose code matches a predicate (the chunk fault by the write that
 * carries the chunk). Closing it leaves the board open.
 *
 * <pre>{@code
 * FaultyLink link = new FaultyLink(boardTransport).dropOkAfter(code -> code.contains("__mw("));
 * Repl repl = Repl.over(link);
 * }</pre>
 */
public final class FaultyLink extends AbstractTransport {
    private static final Pattern GUARDED = Pattern.compile("exec\\(__mg\\((b'.*'),(\\d+)\\)\\)", Pattern.DOTALL);
    private static final Pattern BASE64_CHUNK = Pattern.compile("__mw\\(__ma\\(b'([A-Za-z0-9+/=]+)'\\)");
    private static final Pattern LITERAL_CHUNK = Pattern.compile("__mw\\(b'([^'\\\\]+)");

    private enum Fault { NONE, DROP_OK, CORRUPT_READ, CORRUPT_CHUNK, DIE }

    private final Transport board;
    private Fault fault = Fault.NONE;
    private Predicate<String> trigger = s -> false;
    private boolean armed;
    private boolean repeat;
    private int after;
    private int skip;
    /** What was written since the last end-of-code byte: the exec being sent. */
    private final StringBuilder code = new StringBuilder();
    private boolean dead;
    private boolean rehash;
    private int faults;

    /** @param board the real board's link; not closed by {@link #close()} */
    public FaultyLink(Transport board) {
        super("faulty(" + board.name() + ")");
        this.board = board;
    }

    /**
     * @param when the exec that arms the fault (the chunk whose acknowledgement is lost)
     * @return this link: the {@code OK} of the reply to that write is dropped, once
     */
    public FaultyLink dropOkAfter(Predicate<String> when) {
        return arm(Fault.DROP_OK, when, 0, false);
    }

    /**
     * @param when the exec whose reply is damaged
     * @param after how many bytes of the reply to leave alone first
     * @param everyTime whether every matching write arms it again (a link that always damages)
     * @return this link: one letter or digit of the reply, after {@code after} bytes, becomes another
     */
    public FaultyLink corruptReplyAfter(Predicate<String> when, int after, boolean everyTime) {
        return arm(Fault.CORRUPT_READ, when, after, everyTime);
    }

    /**
     * @param when the write that carries the chunk to damage
     * @return this link: one byte of that chunk goes up by one and another down by one (same length, same
     *     byte sum: the per-chunk check cannot see it), once
     */
    public FaultyLink corruptChunk(Predicate<String> when) {
        return arm(Fault.CORRUPT_CHUNK, when, 0, false);
    }

    /**
     * @param when the write that carries the chunk to damage
     * @return this link: as {@link #corruptChunk}, and the submission guard's length and hash are made to
     *     match the damaged chunk, as if the damage had happened before the guard (an SDK bug): what is left
     *     to catch it is the check of the whole file after put
     */
    public FaultyLink corruptChunkBehindTheGuard(Predicate<String> when) {
        rehash = true;
        return corruptChunk(when);
    }

    /**
     * @param when the exec after which the link dies (the board gets it, the host never sees the reply)
     * @return this link: every later read and write fails as if the cable were pulled
     */
    public FaultyLink dieAfter(Predicate<String> when) {
        return arm(Fault.DIE, when, 0, false);
    }

    /** @return how many faults were injected so far */
    public synchronized int faults() {
        return faults;
    }

    private synchronized FaultyLink arm(Fault f, Predicate<String> when, int afterBytes, boolean everyTime) {
        fault = f;
        trigger = when;
        after = afterBytes;
        repeat = everyTime;
        armed = false;
        return this;
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        synchronized (this) {
            if (dead) {
                throw new TransportClosedException(name() + ": link lost (injected)");
            }
        }
        if (armed && fault == Fault.DROP_OK) {
            return dropOk(buf, off, timeoutMillis);
        }
        int n = board.read(buf, off, len, Duration.ofMillis(timeoutMillis));
        if (armed && fault == Fault.CORRUPT_READ) {
            corrupt(buf, off, n);
        }
        return n;
    }

    /** Reads the reply's first two bytes alone and drops them if they are the acknowledgement. */
    private int dropOk(byte[] buf, int off, long timeoutMillis) throws IOException {
        int n = board.read(buf, off, 1, Duration.ofMillis(timeoutMillis));
        if (n == 0 || buf[off] != 'O') {
            return n;
        }
        byte[] k = new byte[1];
        int m = board.read(k, 0, 1, Duration.ofSeconds(2));
        if (m == 1 && k[0] == 'K') {
            synchronized (this) {
                fired();
            }
            return 0;
        }
        if (m == 1) {
            unread(k);
        }
        return 1;
    }

    private synchronized void corrupt(byte[] buf, int off, int n) {
        for (int i = off; i < off + n && armed; i++) {
            if (skip > 0) {
                skip--;
                continue;
            }
            byte b = buf[i];
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
                // Another character of the same alphabet: still valid base64, still a plausible literal.
                buf[i] = (byte) (b == 'z' ? 'y' : b == 'Z' ? 'Y' : b == '9' ? '8' : b + 1);
                fired();
            }
        }
    }

    /** One fault went in: disarm, and unless it repeats, retire it. */
    private void fired() {
        faults++;
        armed = false;
        if (!repeat) {
            fault = Fault.NONE;
        }
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        String text = new String(data, off, len, StandardCharsets.ISO_8859_1);
        synchronized (this) {
            if (dead) {
                throw new TransportClosedException(name() + ": link lost (injected)");
            }
            if (fault == Fault.CORRUPT_CHUNK && trigger.test(unguarded(text))) {
                // Upload chunks go out in one write, so the whole call is here to damage.
                String damaged = damageGuarded(text);
                if (!damaged.equals(text)) {
                    faults++;
                    fault = Fault.NONE;
                    byte[] b = damaged.getBytes(StandardCharsets.ISO_8859_1);
                    board.write(b, 0, b.length);
                    return;
                }
            }
        }
        board.write(data, off, len);
        synchronized (this) {
            code.append(text);
            int end = code.indexOf("\u0004");
            if (end < 0) {
                return;
            }
            // The end of one exec's code has gone out: the reply to come is the one to damage.
            String exec = code.substring(0, end);
            code.setLength(0);
            if (fault == Fault.NONE || fault == Fault.CORRUPT_CHUNK || armed || !trigger.test(unguarded(exec))) {
                return;
            }
            if (fault == Fault.DIE) {
                dead = true;
                fired();
            } else {
                armed = true;
                skip = after;
            }
        }
    }

    /**
     * @param wire what the SDK wrote: code, or code inside the submission guard {@code exec(__mg(b'...',H))}
     * @return the code the board would run, so that triggers match the SDK's code whether guarded or not
     */
    static String unguarded(String wire) {
        Matcher m = GUARDED.matcher(wire);
        if (!m.find()) {
            return wire;
        }
        try {
            return new String(PyLiterals.parse(m.group(1)), StandardCharsets.ISO_8859_1);
        } catch (java.text.ParseException e) {
            return wire;
        }
    }

    /**
     * Damages the code inside a guarded submission as a line would, leaving the guard's length and hash
     * as they were sent (so the board's check must catch it); unguarded code is damaged directly.
     */
    private String damageGuarded(String wire) {
        Matcher m = GUARDED.matcher(wire);
        if (!m.find()) {
            return damageChunk(wire);
        }
        String inner = unguarded(wire);
        String damaged = damageChunk(inner);
        if (damaged.equals(inner)) {
            return wire;
        }
        byte[] b = damaged.getBytes(StandardCharsets.ISO_8859_1);
        String tail = rehash ? "," + guardCheck(b) + "))" + wire.substring(m.end()) : wire.substring(m.end(1));
        return wire.substring(0, m.start(1)) + PyLiterals.bytesLiteral(b, 0, b.length) + tail;
    }

    /** The guard's check as the board computes it: the length plus the bytes as one little-endian number, modulo 1000000007. */
    private static long guardCheck(byte[] data) {
        long h = 0;
        for (int i = data.length - 1; i >= 0; i--) {
            h = (h * 256 + (data[i] & 0xFF)) % 1_000_000_007L;
        }
        return (h + data.length) % 1_000_000_007L;
    }

    /** One byte up, another down: the length and the byte sum stay, the content does not. */
    private static String damageChunk(String code) {
        Matcher m = BASE64_CHUNK.matcher(code);
        if (m.find()) {
            byte[] data = Base64.getDecoder().decode(m.group(1));
            for (int i = 0; i + 1 < data.length; i++) {
                if (data[i] != (byte) 0xFF && data[i + 1] != 0) {
                    data[i]++;
                    data[i + 1]--;
                    return code.substring(0, m.start(1)) + Base64.getEncoder().encodeToString(data) + code.substring(m.end(1));
                }
            }
            return code;
        }
        m = LITERAL_CHUNK.matcher(code);
        if (m.find()) {
            char[] text = m.group(1).toCharArray();
            for (int i = 0; i + 1 < text.length; i++) {
                if (Character.isLetter(text[i]) && Character.isLetter(text[i + 1]) && text[i] != 'z' && text[i + 1] != 'a'
                        && text[i] != 'Z' && text[i + 1] != 'A') {
                    text[i]++;
                    text[i + 1]--;
                    return code.substring(0, m.start(1)) + new String(text) + code.substring(m.end(1));
                }
            }
        }
        return code;
    }

    @Override
    public void flush() throws IOException {
        super.flush();
        board.flush();
    }

    @Override
    public int baudRate() {
        return board.baudRate();
    }

    @Override
    protected void closeRaw() {
        // The board stays open: the test still inspects it through its own link.
    }
}
