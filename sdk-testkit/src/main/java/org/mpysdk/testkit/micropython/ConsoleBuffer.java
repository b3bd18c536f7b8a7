package org.mpysdk.testkit.micropython;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.TransportClosedException;

/**
 * What the board printed and the host has not read yet: the board's UART transmit side. The board's
 * thread appends (and waits while {@value #LIMIT} bytes are unread, like a UART with flow control);
 * the host's reader takes, waiting at most its timeout. When the board dies, readers get the output
 * that came before, then {@link TransportClosedException} with the cause.
 */
final class ConsoleBuffer implements Syscalls.Console {
    static final int LIMIT = 1 << 20;

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private byte[] data = new byte[8192];
    private int start;
    private int end;
    private ByteArrayOutputStream capture;
    private Throwable death;
    private boolean closed;

    ConsoleBuffer(String name) {
        this.name = name;
    }

    @Override
    public void print(byte[] bytes, int off, int len) {
        lock.lock();
        try {
            if (capture != null) {
                capture.write(bytes, off, len);
                return;
            }
            while (end - start + len > LIMIT && end > start && !closed) {
                // Nobody reads: hold the board, as a UART with flow control would.
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            if (closed) {
                return;
            }
            ensureRoom(len);
            System.arraycopy(bytes, off, data, end, len);
            end += len;
            changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoardFailure("the board was closed while it printed");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads what has arrived, waiting at most {@code timeoutMillis} for the first byte.
     *
     * @return bytes read, 0 on timeout
     * @throws TransportClosedException when the board died (after its last output) or was closed
     */
    int read(byte[] buf, int off, int len, long timeoutMillis) throws TransportClosedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (end == start) {
                if (closed) {
                    throw new TransportClosedException(name + " is closed");
                }
                if (death != null) {
                    throw new TransportClosedException(name + " died: " + describe(death)
                            + "; the board cannot be used any more, open a new one", death);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                changed.awaitNanos(left);
            }
            int n = Math.min(len, end - start);
            System.arraycopy(data, start, buf, off, n);
            start += n;
            changed.signalAll();
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportClosedException("interrupted while reading from " + name);
        } finally {
            lock.unlock();
        }
    }

    /** Sends the board's output into a side buffer (during a soft reboot) until {@link #endCapture()}. */
    void startCapture() {
        lock.lock();
        try {
            capture = new ByteArrayOutputStream();
        } finally {
            lock.unlock();
        }
    }

    /** @return what was printed since {@link #startCapture()}; output flows to readers again */
    byte[] endCapture() {
        lock.lock();
        try {
            byte[] out = capture == null ? new byte[0] : capture.toByteArray();
            capture = null;
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Records why the board stopped; readers see it after the output that came before. */
    void die(Throwable cause) {
        lock.lock();
        try {
            if (death == null) {
                death = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return why the board stopped, or null while it runs */
    Throwable death() {
        lock.lock();
        try {
            return death;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter; reads fail from now on. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static String describe(Throwable t) {
        String msg = t.getMessage();
        if (t instanceof StackOverflowError || msg != null && msg.contains("call stack exhausted")) {
            return "the Java stack of the board's thread overflowed (" + t + "); give it a larger threadStackBytes";
        }
        if (t instanceof OutOfMemoryError) {
            return "the JVM ran out of memory (" + t + ")";
        }
        return t.toString();
    }

    private void ensureRoom(int len) {
        if (end + len <= data.length) {
            return;
        }
        int used = end - start;
        byte[] target = used + len <= data.length / 2 ? data : new byte[Math.max(data.length * 2, used + len)];
        System.arraycopy(data, start, target, 0, used);
        data = target;
        start = 0;
        end = used;
    }
}
