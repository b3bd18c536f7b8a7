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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition atBoundary = lock.newCondition();
    private final FrameScanner frames = new FrameScanner(b -> b);

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
            frames.scan(b, off, len);
            if (frames.atFrameStart()) {
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
            while (!frames.atFrameStart()) {
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

    /** @return whether the last byte written ended a frame (or the HTTP head) */
    boolean atFrameBoundary() {
        lock.lock();
        try {
            return frames.atFrameStart();
        } finally {
            lock.unlock();
        }
    }
}
