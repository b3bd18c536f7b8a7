package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.TransportClosedException;

/**
 * A one-way, bounded, in-memory byte pipe between the host and the virtual chip. Reads wait with a
 * timeout; a full pipe makes the writer wait (bounded), like a UART whose buffers are full.
 */
final class BytePipe {
    private static final int CAPACITY = 256 * 1024;
    private static final long WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String name;
    private final byte[] ring = new byte[CAPACITY];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean closed;

    BytePipe(String name) {
        this.name = name;
    }

    /** @return bytes read, 0 on timeout, -1 once closed and drained */
    int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            while (count == 0) {
                if (closed) {
                    return -1;
                }
                if (nanos <= 0) {
                    return 0;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            int n = Math.min(len, count);
            for (int i = 0; i < n; i++) {
                buf[off + i] = ring[(head + i) % CAPACITY];
            }
            head = (head + n) % CAPACITY;
            count -= n;
            notFull.signalAll();
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("read from " + name + " interrupted");
        } finally {
            lock.unlock();
        }
    }

    void write(byte[] buf, int off, int len) throws IOException {
        lock.lock();
        try {
            long nanos = WRITE_TIMEOUT_NANOS;
            for (int i = 0; i < len; i++) {
                while (count == CAPACITY && !closed) {
                    if (nanos <= 0) {
                        throw new OperationTimeoutException(name + ": the other side read nothing for 30 s and its "
                                + CAPACITY + "-byte buffer is full", java.time.Duration.ofSeconds(30));
                    }
                    nanos = notFull.awaitNanos(nanos);
                }
                if (closed) {
                    throw new TransportClosedException(name + " is closed");
                }
                ring[(head + count) % CAPACITY] = buf[off + i];
                count++;
            }
            notEmpty.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("write to " + name + " interrupted");
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is buffered and not yet read. */
    void clear() {
        lock.lock();
        try {
            head = 0;
            count = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
