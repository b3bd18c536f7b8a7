package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.mpysdk.core.AbstractTransport;

/**
 * Splits one raw REPL reply into standard output and the exception text, as bytes arrive in chunks
 * cut at any point. The reply is {@code OK}, stdout, {@code \x04}, exception text, {@code \x04},
 * {@code >} (raw-paste replies start after their {@code \x04} acknowledgement, without {@code OK}).
 *
 * <p>Standard output may itself hold {@code \x04} bytes, so a {@code \x04} is only taken as the
 * separator when a later {@code \x04>} ends the reply; until then the bytes after it are held back (at
 * most {@code maxHeld}; beyond that they were stdout after all and are passed on). The result is exact
 * whenever stdout holds no {@code \x04>} and the exception text no {@code \x04}: MicroPython's
 * tracebacks never do. Memory stays bounded however long the output: stdout goes straight to the sink.
 *
 * <p>Not thread-safe: one reply, one reader.
 *
 * <pre>{@code
 * RawReplFraming f = new RawReplFraming(true, sink, 65536, 4096);
 * int used = f.feed(buf, 0, n);   // bytes after the final '>' are not consumed
 * if (f.complete()) byte[] err = f.stderr();
 * }</pre>
 */
final class RawReplFraming {
    private static final byte EOT = 0x04;
    private static final int TAIL = 512;

    private enum State { EXPECT_OK, STDOUT, HELD, HELD_EOT, DONE }

    private final OutputSink stdout;
    private final int maxHeld;
    private final int maxGarbage;
    private State state;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private final byte[] tail = new byte[TAIL];
    private int tailLen;
    private long stdoutCount;
    private byte[] stderr;
    private long garbageCount;
    private int strayEots;
    private int prevByte = -1;

    /**
     * @param expectOk whether the reply starts with {@code OK} (plain raw REPL) or directly with output (raw-paste)
     * @param stdout receives standard output as soon as it is known to be output
     * @param maxHeld the most bytes held back after a possible separator (the exception text's size limit)
     * @param maxGarbage how many stray bytes (stale output of an earlier program) may come before {@code OK}
     */
    public RawReplFraming(boolean expectOk, OutputSink stdout, int maxHeld, int maxGarbage) {
        this.stdout = stdout;
        this.maxHeld = Math.max(16, maxHeld);
        this.maxGarbage = Math.max(0, maxGarbage);
        this.state = expectOk ? State.EXPECT_OK : State.STDOUT;
    }

    /**
     * Consumes bytes of the reply.
     *
     * @param buf bytes as they came from the transport
     * @param off where the new bytes start in {@code buf}
     * @param len how many new bytes there are
     * @return how many bytes were part of the reply; fewer than {@code len} only once it is complete
     * @throws ReplProtocolException when no {@code OK} came within {@code maxGarbage} bytes
     * @throws ReplyDamagedException when a whole reply came without its {@code OK}: the code ran, its OK was lost
     */
    public int feed(byte[] buf, int off, int len) throws ReplProtocolException {
        int i = off;
        int end = off + len;
        int runStart = -1;
        while (i < end && state != State.DONE) {
            byte b = buf[i];
            switch (state) {
                case EXPECT_OK -> {
                    garbageCount++;
                    if (b == EOT) {
                        strayEots++;
                    }
                    if (garbage.size() < 256) {
                        garbage.write(b);
                    }
                    if (prevByte == 'O' && b == 'K') {
                        state = State.STDOUT;
                    } else if (b == '>' && prevByte == EOT && strayEots >= 2) {
                        // Two separators and the prompt: a whole reply came without its OK (lost on the way).
                        throw new ReplyDamagedException("the board's OK was lost on the way but a whole reply followed,"
                                + " so the code ran; its output cannot be trusted: "
                                + AbstractTransport.printable(garbage.toByteArray()));
                    } else if (b == ' ' && endsWithFriendlyPrompt()) {
                        throw new ReplProtocolException("the board answered at the friendly >>> prompt instead of the raw REPL"
                                + " (was it reset?); the code may have run as typed input; the REPL will be re-entered on the next call");
                    } else if (garbageCount > maxGarbage + 2L) {
                        throw new ReplProtocolException("the board did not acknowledge the code with OK; it sent "
                                + AbstractTransport.printable(garbage.toByteArray())
                                + " (is it in the raw REPL? the REPL will be re-entered on the next call)");
                    }
                    prevByte = b;
                }
                case STDOUT -> {
                    if (b == EOT) {
                        if (runStart >= 0) {
                            emit(buf, runStart, i - runStart);
                            runStart = -1;
                        }
                        state = State.HELD;
                        held.reset();
                    } else if (runStart < 0) {
                        runStart = i;
                    }
                }
                case HELD -> {
                    if (b == EOT) {
                        state = State.HELD_EOT;
                    } else {
                        held.write(b);
                        if (held.size() > maxHeld) {
                            // Too long for an exception text: the EOT was part of stdout.
                            flushHeldAsStdout();
                            state = State.STDOUT;
                        }
                    }
                }
                case HELD_EOT -> {
                    if (b == '>') {
                        stderr = held.toByteArray();
                        held.reset();
                        state = State.DONE;
                    } else {
                        // The held EOT and its bytes were stdout; the newer EOT may be the separator.
                        flushHeldAsStdout();
                        held.reset();
                        if (b == EOT) {
                            state = State.HELD_EOT;
                        } else {
                            held.write(b);
                            state = State.HELD;
                        }
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
            i++;
        }
        if (runStart >= 0) {
            emit(buf, runStart, i - runStart);
        }
        return i - off;
    }

    private boolean endsWithFriendlyPrompt() {
        byte[] g = garbage.toByteArray();
        int n = g.length;
        return n >= 4 && g[n - 4] == '>' && g[n - 3] == '>' && g[n - 2] == '>' && g[n - 1] == ' ';
    }

    private void flushHeldAsStdout() {
        byte[] h = held.toByteArray();
        held.reset();
        byte[] out = new byte[h.length + 1];
        out[0] = EOT;
        System.arraycopy(h, 0, out, 1, h.length);
        emit(out, 0, out.length);
    }

    private void emit(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        stdoutCount += len;
        if (len >= TAIL) {
            System.arraycopy(b, off + len - TAIL, tail, 0, TAIL);
            tailLen = TAIL;
        } else {
            int keep = Math.min(tailLen, TAIL - len);
            System.arraycopy(tail, tailLen - keep, tail, 0, keep);
            System.arraycopy(b, off, tail, keep, len);
            tailLen = keep + len;
        }
        stdout.accept(b, off, len);
    }

    /** @return whether the final {@code \x04>} has arrived */
    public boolean complete() {
        return state == State.DONE;
    }

    /** @return how many bytes came before {@code OK} (stray output, or a reply whose OK was damaged) */
    public long strayBytes() {
        return state == State.EXPECT_OK ? garbageCount : Math.max(0, garbageCount - 2);
    }

    /** @return whether {@code OK} (or, for raw-paste, the start of output) has been seen */
    public boolean acknowledged() {
        return state != State.EXPECT_OK;
    }

    /** @return the exception text (empty on success); only valid once {@link #complete()} */
    public byte[] stderr() {
        if (stderr == null) {
            throw new IllegalStateException("the reply is not complete yet");
        }
        return stderr.clone();
    }

    /** @return how many stdout bytes have gone to the sink */
    public long stdoutCount() {
        return stdoutCount;
    }

    /** @return the last bytes passed to the sink (up to 512), to recognise a reboot banner */
    public byte[] recentStdout() {
        return Arrays.copyOf(tail, tailLen);
    }

    /** @return bytes currently held back after a possible separator (bounded by {@code maxHeld}) */
    public int heldBytes() {
        return held.size();
    }
}
