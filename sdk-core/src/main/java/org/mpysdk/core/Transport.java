package org.mpysdk.core;

import java.io.IOException;
import java.time.Duration;

/**
 * A full-duplex byte channel to a board: a local serial port, a TCP socket, an RFC 2217 server,
 * a WebREPL WebSocket or a virtual board.
 *
 * <p>Reads never block forever: each takes a timeout. A link that closes while a caller waits ends the
 * wait with {@link TransportClosedException}.
 *
 * <p>Thread safety: one thread may read while another writes; concurrent readers (or concurrent
 * writers) must synchronise among themselves. {@link #close()} may be called from any thread, at any
 * time, any number of times; it wakes a blocked reader.
 *
 * <pre>{@code
 * try (Transport t = Transports.open("socket://localhost:5555")) {
 *     t.write("\r\u0003".getBytes(StandardCharsets.US_ASCII));
 *     byte[] upToPrompt = t.readUntil(">>> ".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public interface Transport extends AutoCloseable {

    /** @return the port string this transport was opened from, for messages */
    String name();

    /**
     * Writes all of {@code len} bytes, or fails.
     *
     * @param data the buffer holding the bytes to send
     * @param off where in {@code data} the bytes start
     * @param len how many bytes to send
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port or socket fails while writing
     */
    void write(byte[] data, int off, int len) throws IOException;

    /**
     * Writes all of {@code data}.
     *
     * @param data the bytes to send
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port or socket fails while writing
     */
    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /**
     * Reads what has arrived, waiting at most {@code timeout} for the first byte.
     *
     * @param buf where the bytes go
     * @param off where in {@code buf} to start storing
     * @param len the most bytes to read
     * @param timeout how long to wait for the first byte; the call returns as soon as anything arrives
     * @return the number of bytes read, 1 to {@code len}, or 0 when the timeout passed with nothing
     * @throws TransportClosedException if the link is gone
     */
    int read(byte[] buf, int off, int len, Duration timeout) throws IOException;

    /**
     * Reads until {@code pattern} has arrived; bytes after the pattern stay for the next read.
     * One overall deadline bounds the wait, however much else arrives, and the time taken is linear
     * in the bytes that arrive however they are split into reads ({@link ReadUntil}).
     *
     * @param pattern the bytes that end the read, e.g. a prompt such as {@code ">>> "}
     * @param timeout the overall time allowed for the pattern to arrive
     * @return everything read, ending with the pattern
     * @throws OperationTimeoutException if the pattern does not arrive in time (its message shows what did)
     */
    byte[] readUntil(byte[] pattern, Duration timeout) throws IOException;

    /**
     * Reads exactly {@code len} bytes within one overall timeout.
     *
     * @param len how many bytes to read
     * @param timeout the overall time allowed for all of them
     * @return the {@code len} bytes, in arrival order
     * @throws OperationTimeoutException if fewer arrive in time
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port or socket fails while reading
     */
    default byte[] readExactly(int len, Duration timeout) throws IOException {
        byte[] out = new byte[len];
        Deadline deadline = Deadline.after(timeout);
        int got = 0;
        while (got < len) {
            deadline.check(len + " bytes from " + name() + " (got " + got + ")");
            got += read(out, got, len - got, Duration.ofMillis(deadline.remainingMillis()));
        }
        return out;
    }

    /**
     * Throws away every byte already received and not yet read (boot noise, stale echoes).
     *
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port or socket fails while draining
     */
    void discardInput() throws IOException;

    /**
     * Pushes written bytes out to the device.
     *
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port or socket fails while flushing
     */
    void flush() throws IOException;

    /**
     * Changes the line's baud rate. Transports without a line (TCP, WebSocket) accept and ignore it.
     *
     * @param baud the new rate in bits per second, e.g. 115200 or 921600
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port or the RFC 2217 server refuses the rate
     */
    void setBaudRate(int baud) throws IOException;

    /** @return the current baud rate, or 0 where the transport has no line rate */
    int baudRate();

    /**
     * Sets DTR and RTS together, for reset sequences. Where the hardware cannot set both in one
     * call, RTS is set first, then DTR. Transports without control lines accept and ignore it (see
     * {@link #hasControlLines()}).
     *
     * @param dtr true to assert DTR (the usual ESP auto-reset circuit routes it to GPIO0, the BOOT pin)
     * @param rts true to assert RTS (the same circuit routes it to EN, the chip's reset)
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port refuses the change
     */
    void setControlLines(boolean dtr, boolean rts) throws IOException;

    /**
     * Sets DTR alone.
     *
     * @param dtr true to assert DTR
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port refuses the change
     */
    void setDtr(boolean dtr) throws IOException;

    /**
     * Sets RTS alone.
     *
     * @param rts true to assert RTS
     * @throws TransportClosedException if the link is gone
     * @throws IOException if the port refuses the change
     */
    void setRts(boolean rts) throws IOException;

    /** @return whether DTR/RTS reach a real line (false for TCP, WebSocket, ptys) */
    boolean hasControlLines();

    /** @return whether the transport is open */
    boolean isOpen();

    /** Closes the link; idempotent; wakes a blocked reader with {@link TransportClosedException}. */
    @Override
    void close();
}
