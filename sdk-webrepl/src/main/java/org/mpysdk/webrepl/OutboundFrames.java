package org.mpysdk.webrepl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;

/**
 * The client's bytes to the board, with a gate that lets this SDK put a frame of its own between
 * OkHttp's frames.
 *
 * <p>Why: the board ends a WebREPL session only on an <em>empty</em> close frame. A close frame with a
 * status code (the only kind OkHttp sends: {@code close(1000, null)}) is answered, but its two payload
 * bytes go into the board's input as if they were file-protocol data and the session stays open, so the
 * next login is rejected as a concurrent connection. OkHttp has no way to send an empty close frame, so
 * {@link #writeBetweenFrames} writes one directly on the socket. It follows the frames OkHttp writes
 * (after the HTTP request head: header, length, mask, payload; RFC 6455 section 5.2) and writes only at
 * a frame boundary, holding the same lock as OkHttp's writes, so the two never interleave.
 */
final class OutboundFrames extends FilterOutputStream {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private enum State { HTTP_HEAD, B0, B1, EXT_LENGTH, MASK, PAYLOAD }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition atBoundary = lock.newCondition();
    private State state = State.HTTP_HEAD;
    private int headMatched;
    private int extLeft;
    private int maskLeft;
    private long payloadLeft;

    /** @param out the socket's output stream */
    OutboundFrames(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            out.write(b, off, len);
            follow(b, off, len);
            if (state == State.B0) {
                atBoundary.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code frame} (one whole WebSocket frame) as soon as no frame of OkHttp's is half written.
     *
     * @param frame the frame's bytes
     * @param deadline how long to wait for a boundary
     * @throws OperationTimeoutException when OkHttp stays inside a frame past the deadline
     * @throws IOException when the socket write fails
     */
    void writeBetweenFrames(byte[] frame, Deadline deadline) throws IOException {
        lock.lock();
        try {
            while (state != State.B0) {
                if (deadline.expired()) {
                    throw new OperationTimeoutException("no frame boundary on the way to the board within "
                            + deadline.budget().toMillis() + " ms", deadline.budget());
                }
                try {
                    atBoundary.await(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting to write a frame", e);
                }
            }
            out.write(frame);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Advances the frame parser over bytes just written. */
    void follow(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            switch (state) {
                case HTTP_HEAD -> {
                    byte c = b[i++];
                    headMatched = c == HEAD_END[headMatched] ? headMatched + 1 : (c == '\r' ? 1 : 0);
                    if (headMatched == HEAD_END.length) {
                        state = State.B0;
                    }
                }
                case B0 -> {
                    i++;
                    state = State.B1;
                }
                case B1 -> {
                    int b1 = b[i++] & 0xFF;
                    maskLeft = (b1 & 0x80) != 0 ? 4 : 0;
                    int len7 = b1 & 0x7F;
                    payloadLeft = 0;
                    if (len7 >= 126) {
                        extLeft = len7 == 126 ? 2 : 8;
                        state = State.EXT_LENGTH;
                    } else {
                        payloadLeft = len7;
                        state = afterLength();
                    }
                }
                case EXT_LENGTH -> {
                    payloadLeft = (payloadLeft << 8) | (b[i++] & 0xFF);
                    if (--extLeft == 0) {
                        state = afterLength();
                    }
                }
                case MASK -> {
                    i++;
                    if (--maskLeft == 0) {
                        state = payloadLeft == 0 ? State.B0 : State.PAYLOAD;
                    }
                }
                case PAYLOAD -> {
                    long skip = Math.min(payloadLeft, end - i);
                    i += (int) skip;
                    payloadLeft -= skip;
                    if (payloadLeft == 0) {
                        state = State.B0;
                    }
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
    }

    /** @return whether the last byte written ended a frame (or the HTTP head) */
    boolean atFrameBoundary() {
        lock.lock();
        try {
            return state == State.B0;
        } finally {
            lock.unlock();
        }
    }

    private State afterLength() {
        if (payloadLeft < 0) {
            payloadLeft = Long.MAX_VALUE;
        }
        if (maskLeft > 0) {
            return State.MASK;
        }
        return payloadLeft == 0 ? State.B0 : State.PAYLOAD;
    }
}
