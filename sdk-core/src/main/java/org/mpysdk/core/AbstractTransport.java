package org.mpysdk.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The common part of every transport: a push-back buffer for {@link #readUntil}, overall deadlines,
 * and default no-op line controls. Subclasses implement {@link #readRaw}, {@link #writeRaw} and
 * {@link #closeRaw}.
 */
public abstract class AbstractTransport implements Transport {
    private final String name;
    private final Object readLock = new Object();
    private byte[] pending = new byte[0];
    private volatile boolean closed;

    /** @param name the port string, for messages */
    protected AbstractTransport(String name) {
        this.name = name;
    }

    /**
     * Reads what has arrived, waiting at most {@code timeoutMillis} (at least 1) for the first byte.
     *
     * @param buf where the bytes go
     * @param off where in {@code buf} to start storing
     * @param len the most bytes to read, at least 1
     * @param timeoutMillis how long to wait for the first byte, at least 1
     * @return bytes read, 0 on timeout
     * @throws TransportClosedException when the link is gone
     */
    protected abstract int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException;

    /**
     * Writes all bytes or throws; called only while the transport is open.
     *
     * @param data the buffer holding the bytes to send
     * @param off where in {@code data} the bytes start
     * @param len how many bytes to send
     * @throws IOException if the underlying port or socket fails; {@link TransportClosedException} if it is gone
     */
    protected abstract void writeRaw(byte[] data, int off, int len) throws IOException;

    /** Releases the underlying resource; called once. */
    protected abstract void closeRaw();

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        ensureOpen();
        writeRaw(data, off, len);
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        synchronized (readLock) {
            if (pending.length > 0) {
                int n = Math.min(len, pending.length);
                System.arraycopy(pending, 0, buf, off, n);
                pending = Arrays.copyOfRange(pending, n, pending.length);
                return n;
            }
        }
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        return readRaw(buf, off, len, Math.max(1, timeout.toMillis()));
    }

    @Override
    public byte[] readUntil(byte[] pattern, Duration timeout) throws IOException {
        if (pattern.length == 0) {
            return new byte[0];
        }
        Deadline deadline = Deadline.after(timeout);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            byte[] sofar = seen.toByteArray();
            int at = Bytes.indexOf(sofar, pattern, Math.max(0, sofar.length - chunk.length - pattern.length));
            if (at >= 0) {
                int end = at + pattern.length;
                unread(Arrays.copyOfRange(sofar, end, sofar.length));
                return Arrays.copyOf(sofar, end);
            }
            if (deadline.expired()) {
                unread(sofar);
                throw new OperationTimeoutException("timed out after " + timeout.toMillis() + " ms on " + name
                        + " waiting for " + printable(pattern) + "; received " + sofar.length + " bytes"
                        + (sofar.length == 0 ? " (nothing: is the board powered and the port right?)"
                                : ", ending with " + printable(tail(sofar, 80))), timeout);
            }
            int n = read(chunk, 0, chunk.length, Duration.ofMillis(deadline.remainingMillis()));
            seen.write(chunk, 0, n);
        }
    }

    @Override
    public void discardInput() throws IOException {
        synchronized (readLock) {
            pending = new byte[0];
        }
        ensureOpen();
        byte[] sink = new byte[4096];
        // Bounded: a board printing without pause cannot keep us here.
        Deadline deadline = Deadline.after(Duration.ofMillis(200));
        while (!deadline.expired() && readRaw(sink, 0, sink.length, 1) > 0) {
            // keep draining
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        ensureOpen();
    }

    @Override
    public int baudRate() {
        return 0;
    }

    @Override
    public void setControlLines(boolean dtr, boolean rts) throws IOException {
        setRts(rts);
        setDtr(dtr);
    }

    @Override
    public void setDtr(boolean dtr) throws IOException {
        ensureOpen();
    }

    @Override
    public void setRts(boolean rts) throws IOException {
        ensureOpen();
    }

    @Override
    public boolean hasControlLines() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            closeRaw();
        }
    }

    /** @throws TransportClosedException if {@link #close()} was called */
    protected final void ensureOpen() throws TransportClosedException {
        if (closed) {
            throw new TransportClosedException(name + " is closed");
        }
    }

    /**
     * Puts bytes back in front of the input, to be read first. Subclasses use it for bytes they read
     * ahead of what their caller asked for.
     *
     * @param bytes the bytes to return to the input, in their original order
     */
    protected final void unread(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        synchronized (readLock) {
            byte[] merged = Arrays.copyOf(bytes, bytes.length + pending.length);
            System.arraycopy(pending, 0, merged, bytes.length, pending.length);
            pending = merged;
        }
    }

    private static byte[] tail(byte[] b, int n) {
        return b.length <= n ? b : Arrays.copyOfRange(b, b.length - n, b.length);
    }

    /**
     * Renders bytes for an error message: {@code \r}, {@code \n} and printable ASCII as they are,
     * everything else as {@code \xNN}, in double quotes.
     *
     * @param bytes the bytes to show, e.g. what a board sent before a timeout
     * @return the bytes as text with control and non-ASCII bytes escaped
     */
    public static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}
