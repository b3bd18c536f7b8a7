package org.mpysdk.testkit.esp;

import java.io.IOException;

/**
 * The chip's end of a link to the host: an in-memory pipe, a TCP socket or a pty. The virtual chip
 * reads and writes raw bytes through it; framing, pacing and faults are applied above it.
 */
interface ByteEndpoint extends AutoCloseable {

    /**
     * @return bytes read (1 or more), 0 when {@code timeoutMillis} passed with nothing, -1 when the host went away
     */
    int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException;

    /** Writes all bytes. */
    void write(byte[] buf, int off, int len) throws IOException;

    /** @return the baud rate the host set on its side, or 0 where the link has none (TCP) */
    default int hostBaud() {
        return 0;
    }

    /** @return a name for logs and thread names */
    String describe();

    /** Closes the link; idempotent. */
    @Override
    void close();
}
