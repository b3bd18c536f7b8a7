package org.mpysdk.core;

import java.io.IOException;
import java.time.Duration;
import org.mpysdk.core.internal.Bytes;

/**
 * The common part of every transport: a push-back buffer, {@link #readUntil} (the linear
 * {@link ReadUntil} under one deadline), and default no-op line controls. Subclasses implement {@link #readRaw}, {@link #writeRaw} and
 * {@link #closeRaw}.
 */
public abstract class AbstractTransport implements Transport {
    private final String name;
    private final Object readLock = new Object();
    /** Bytes put back by {@link #unread}; those before {@code pendingPos} have been read again. */
    private byte[] pending = new byte[0];
    private int pendingPos;
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
            int waiting = pending.length - pendingPos;
            if (waiting > 0) {
                int n = Math.min(len, waiting);
                System.arraycopy(pending, pendingPos, buf, off, n);
                // An offset, not a copy of the rest: many small reads of a big push-back stay linear.
                pendingPos += n;
                return n;
            }
        }
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        return readRaw(buf, off, len, Math.max(1, timeout.toMillis()));
    }

    /**
     * Reads until {@code pattern} has arrived, keeping everything before it; see {@link ReadUntil}
     * (linear in the bytes that arrive, one deadline for the whole wait).
     */
    @Override
    public byte[] readUntil(byte[] pattern, Duration timeout) throws IOException {
        return ReadUntil.read(new ReadUntil.Input() {
            @Override
            public int read(byte[] buf, int off, int len, Duration wait) throws IOException {
                return AbstractTransport.this.read(buf, off, len, wait);
            }

            @Override
            public void unread(byte[] buf, int off, int len) {
                AbstractTransport.this.unread(buf, off, len);
            }

            @Override
            public String name() {
                return name;
            }
        }, pattern, Deadline.after(timeout), ReadUntil.KEEP_ALL, printable(pattern));
    }

    @Override
    public void discardInput() throws IOException {
        synchronized (readLock) {
            pending = new byte[0];
            pendingPos = 0;
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
        unread(bytes, 0, bytes.length);
    }

    /**
     * Puts part of a buffer back in front of the input, to be read first.
     *
     * @param buf the buffer holding the bytes
     * @param off where they start
     * @param len how many; 0 does nothing
     */
    protected final void unread(byte[] buf, int off, int len) {
        if (len == 0) {
            return;
        }
        synchronized (readLock) {
            int waiting = pending.length - pendingPos;
            byte[] merged = new byte[len + waiting];
            System.arraycopy(buf, off, merged, 0, len);
            System.arraycopy(pending, pendingPos, merged, len, waiting);
            pending = merged;
            pendingPos = 0;
        }
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
