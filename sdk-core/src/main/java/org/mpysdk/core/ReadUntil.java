package org.mpysdk.core;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.mpysdk.core.internal.Bytes;

/**
 * The one wait for a byte pattern that every transport and the REPL use: bounded by one deadline,
 * bounded in memory, and linear in the bytes that arrive however they are split into reads.
 *
 * <p>Linear because each read is searched only where a match can newly end: its own bytes plus the
 * {@code pattern.length - 1} bytes before them. Bytes go straight into one growing buffer (no copy per
 * read), and when a bound is set the oldest bytes are dropped in large steps, so each byte is moved at
 * most about once.
 *
 * <pre>{@code
 * byte[] upToPrompt = ReadUntil.read(input, ">>> ".getBytes(US_ASCII), Deadline.after(timeout),
 *         ReadUntil.KEEP_ALL, "the friendly prompt");
 * }</pre>
 */
public final class ReadUntil {
    /** {@code keep} value that keeps everything read before the pattern. */
    public static final int KEEP_ALL = Integer.MAX_VALUE;
    /** The least room offered to one read, so a fast link is read in big pieces. */
    private static final int READ = 4096;

    private ReadUntil() {
    }

    /** Where {@link #read} takes bytes from and gives back those that follow the pattern. */
    public interface Input {
        /**
         * @param buf where the bytes go
         * @param off where in {@code buf} to store them
         * @param len the most bytes to read, at least 1
         * @param timeout how long to wait for the first byte
         * @return bytes read, 0 when the timeout passed with nothing
         * @throws IOException when the link fails
         */
        int read(byte[] buf, int off, int len, Duration timeout) throws IOException;

        /**
         * Puts bytes back, to be read before anything else.
         *
         * @param buf the buffer holding them
         * @param off where they start
         * @param len how many; may be 0
         */
        void unread(byte[] buf, int off, int len);

        /** @return the port's name, for messages */
        String name();
    }

    /**
     * Reads until {@code pattern} has arrived; bytes after it are given back to {@code input}.
     *
     * @param input the source
     * @param pattern the bytes to wait for; empty returns at once
     * @param deadline the one deadline for the whole wait, however much else arrives
     * @param keep the most bytes returned (the last ones, ending with the pattern): older bytes are
     *     dropped, so a board printing without pause cannot fill the heap; {@link #KEEP_ALL} keeps all
     * @param what what is awaited, for the timeout message
     * @return the bytes read up to and including the pattern (at most {@code keep} of them)
     * @throws OperationTimeoutException when the deadline passes first; the message says how many bytes
     *     arrived and shows the last of them
     * @throws IllegalArgumentException when {@code keep} is shorter than the pattern
     * @throws IOException when the link fails
     */
    public static byte[] read(Input input, byte[] pattern, Deadline deadline, int keep, String what) throws IOException {
        if (pattern.length == 0) {
            return new byte[0];
        }
        if (keep < pattern.length) {
            throw new IllegalArgumentException("keep (" + keep + ") must hold at least the pattern (" + pattern.length + " bytes)");
        }
        byte[] buf = new byte[READ];
        int len = 0;
        int scanFrom = 0;
        long total = 0;
        while (true) {
            int at = Bytes.indexOf(buf, len, pattern, scanFrom);
            if (at >= 0) {
                int end = at + pattern.length;
                input.unread(buf, end, len - end);
                return Arrays.copyOfRange(buf, Math.max(0, end - keep), end);
            }
            // A match not found so far can only end in bytes still to come.
            scanFrom = Math.max(0, len - pattern.length + 1);
            if (deadline.expired()) {
                input.unread(buf, 0, len);
                throw timeout(input.name(), what, deadline, total, Arrays.copyOfRange(buf, Math.max(0, len - 80), len));
            }
            if (buf.length - len < READ) {
                if (len > keep) {
                    // Drop the oldest bytes in one step: only the last `keep` can be returned.
                    int drop = len - keep;
                    System.arraycopy(buf, drop, buf, 0, keep);
                    len = keep;
                    scanFrom = Math.max(0, scanFrom - drop);
                }
                if (buf.length - len < READ) {
                    buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * buf.length, (long) len + READ)));
                }
            }
            int n = input.read(buf, len, buf.length - len, Duration.ofMillis(Math.max(1, deadline.remainingMillis())));
            len += n;
            total += n;
        }
    }

    private static OperationTimeoutException timeout(String name, String what, Deadline deadline, long total, byte[] tail) {
        return new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms on " + name
                + " waiting for " + what + "; received " + total + " bytes"
                + (total == 0 ? " (nothing: is the board powered, the port right, and the baud rate right?)"
                        : ", ending with " + AbstractTransport.printable(tail)), deadline.budget());
    }
}
