package org.mpysdk.core.repl;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.mpysdk.core.Bytes;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.Transport;

/**
 * The REPL's view of a transport: reads that put unused bytes back, pattern waits under one overall
 * deadline, and control bytes. One thread uses it at a time.
 */
final class ReplIo {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplIo.class);
    /** Longest single wait inside a loop, so cancellation is noticed quickly. */
    static final Duration SLICE = Duration.ofMillis(50);

    private final Transport transport;
    private byte[] pushback = new byte[0];

    ReplIo(Transport transport) {
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    String name() {
        return transport.name();
    }

    void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    void write(byte[] data, int off, int len) throws IOException {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} <- {}", name(), AbstractTransport.printable(Arrays.copyOfRange(data, off, off + len)));
        }
        transport.write(data, off, len);
    }

    void flush() throws IOException {
        transport.flush();
    }

    /** Reads what has arrived, waiting at most {@code timeout} (bytes put back come first). */
    int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        if (pushback.length > 0) {
            int n = Math.min(len, pushback.length);
            System.arraycopy(pushback, 0, buf, off, n);
            pushback = Arrays.copyOfRange(pushback, n, pushback.length);
            return n;
        }
        int n = transport.read(buf, off, len, timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout);
        if (n > 0 && LOG.isTraceEnabled()) {
            LOG.trace("{} -> {}", name(), AbstractTransport.printable(Arrays.copyOfRange(buf, off, off + n)));
        }
        return n;
    }

    /** Puts bytes back to be read first. */
    void unread(byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        byte[] merged = new byte[len + pushback.length];
        System.arraycopy(buf, off, merged, 0, len);
        System.arraycopy(pushback, 0, merged, len, pushback.length);
        pushback = merged;
    }

    /** Drops bytes put back and whatever is already waiting, within a short bound. */
    void discard() throws IOException {
        pushback = new byte[0];
        transport.discardInput();
    }

    /**
     * Reads until {@code pattern}; bytes after it are put back.
     *
     * @return everything read up to and including the pattern
     * @throws OperationTimeoutException when the deadline passes first (the message shows the tail)
     */
    byte[] readUntil(byte[] pattern, Deadline deadline, String what) throws IOException {
        // Only the last KEEP bytes are kept: a board printing without pause cannot fill the heap.
        final int keep = 64 * 1024;
        byte[] seen = new byte[4096];
        int len = 0;
        long total = 0;
        byte[] chunk = new byte[1024];
        int scanFrom = 0;
        while (true) {
            int at = Bytes.indexOf(seen, len, pattern, scanFrom);
            if (at >= 0) {
                int end = at + pattern.length;
                unread(seen, end, len - end);
                return Arrays.copyOf(seen, end);
            }
            scanFrom = Math.max(0, len - pattern.length + 1);
            if (deadline.expired()) {
                byte[] tail = Arrays.copyOfRange(seen, Math.max(0, len - 120), len);
                throw new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms on "
                        + name() + " waiting for " + what + "; received " + total + " bytes"
                        + (total == 0 ? " (nothing: is the board powered, running MicroPython, and the port right?)"
                        : ", ending with " + AbstractTransport.printable(tail)), deadline.budget());
            }
            int n = read(chunk, 0, chunk.length, Duration.ofMillis(Math.min(deadline.remainingMillis(), SLICE.toMillis() * 4)));
            if (n <= 0) {
                continue;
            }
            total += n;
            if (len + n > keep) {
                int drop = len + n - keep;
                System.arraycopy(seen, drop, seen, 0, len - drop);
                len -= drop;
                scanFrom = Math.max(0, scanFrom - drop);
            }
            if (len + n > seen.length) {
                seen = Arrays.copyOf(seen, Math.max(len + n, seen.length * 2));
            }
            System.arraycopy(chunk, 0, seen, len, n);
            len += n;
        }
    }
}
