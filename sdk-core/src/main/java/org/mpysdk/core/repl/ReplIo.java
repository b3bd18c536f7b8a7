package org.mpysdk.core.repl;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.ReadUntil;
import org.mpysdk.core.Transport;

/**
 * The REPL's view of a transport: reads that put unused bytes back, pattern waits under one overall
 * deadline, and control bytes. One thread uses it at a time.
 */
final class ReplIo {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplIo.class);
    /** Longest single wait inside a loop, so cancellation is noticed quickly. */
    static final Duration SLICE = Duration.ofMillis(50);

    /** Longest single read inside a pattern wait. */
    private static final Duration WAIT_SLICE = SLICE.multipliedBy(4);
    /** The most bytes a pattern wait keeps (the last ones). */
    private static final int KEEP = 64 * 1024;

    private final Transport transport;
    /** Bytes put back; those before {@code pushbackPos} have been read again. */
    private byte[] pushback = new byte[0];
    private int pushbackPos;
    private final ReadUntil.Input input = new ReadUntil.Input() {
        @Override
        public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
            // Short slices: a wait on a link that goes quiet still looks at its deadline often.
            return ReplIo.this.read(buf, off, len, timeout.compareTo(WAIT_SLICE) > 0 ? WAIT_SLICE : timeout);
        }

        @Override
        public void unread(byte[] buf, int off, int len) {
            ReplIo.this.unread(buf, off, len);
        }

        @Override
        public String name() {
            return ReplIo.this.name();
        }
    };

    /** While a host folder is mounted: takes its requests out of the board's output. */
    private MountDemux demux;

    ReplIo(Transport transport) {
        this.transport = transport;
    }

    /** @param demux the mounted folder's request reader, or null when nothing is mounted */
    void demux(MountDemux demux) {
        this.demux = demux;
    }

    MountDemux demux() {
        return demux;
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
        if (pushbackPos < pushback.length) {
            int n = Math.min(len, pushback.length - pushbackPos);
            System.arraycopy(pushback, pushbackPos, buf, off, n);
            pushbackPos += n;
            return n;
        }
        int n = transport.read(buf, off, len, timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout);
        if (n > 0 && LOG.isTraceEnabled()) {
            LOG.trace("{} -> {}", name(), AbstractTransport.printable(Arrays.copyOfRange(buf, off, off + n)));
        }
        if (demux != null) {
            if (n == 0) {
                demux.quiet();
                return 0;
            }
            byte[] output = demux.filter(buf, off, n);
            n = Math.min(len, output.length);
            System.arraycopy(output, 0, buf, off, n);
            unread(output, n, output.length - n);
        }
        return n;
    }

    /** Puts bytes back to be read first. */
    void unread(byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        int waiting = pushback.length - pushbackPos;
        byte[] merged = new byte[len + waiting];
        System.arraycopy(buf, off, merged, 0, len);
        System.arraycopy(pushback, pushbackPos, merged, len, waiting);
        pushback = merged;
        pushbackPos = 0;
    }

    /** Drops bytes put back and whatever is already waiting, within a short bound. */
    void discard() throws IOException {
        pushback = new byte[0];
        pushbackPos = 0;
        transport.discardInput();
    }

    /**
     * Reads until {@code pattern} with {@link ReadUntil}; bytes after it are put back. Only the last
     * 64 KB are kept, so a board printing without pause cannot fill the heap.
     *
     * @return what was read up to and including the pattern (its last 64 KB)
     * @throws OperationTimeoutException when the deadline passes first (the message shows the tail)
     */
    byte[] readUntil(byte[] pattern, Deadline deadline, String what) throws IOException {
        return ReadUntil.read(input, pattern, deadline, KEEP, what);
    }
}
