package org.mpysdk.webrepl;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.TransportClosedException;

/**
 * A byte stream filled by the WebSocket's reader thread and drained by callers with timeouts. When the
 * connection ends, bytes that arrived before stay readable; after them every read fails with
 * {@link TransportClosedException} carrying the reason, so no waiter hangs.
 *
 * <p>Bounded: once {@code capacity} bytes wait unread, {@link #append} blocks the reader thread until a
 * read makes room or the stream is closed. OkHttp then stops reading the socket, TCP's window fills and
 * the board waits in its write: back-pressure instead of unbounded memory when nobody reads the output.
 */
final class InboundBytes {
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final long capacity;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long size;
    private String closedReason;
    private Throwable closedCause;

    /**
     * @param name the connection, for messages
     * @param capacity how many unread bytes may wait before {@link #append} blocks (one message may
     *     go over it)
     */
    InboundBytes(String name, long capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    /**
     * Adds bytes that arrived; blocks while {@code capacity} bytes wait unread.
     *
     * @param bytes what arrived
     * @return false when the thread was interrupted while waiting for room (the bytes were dropped)
     */
    boolean append(byte[] bytes) {
        if (bytes.length == 0) {
            return true;
        }
        lock.lock();
        try {
            while (size >= capacity && closedReason == null) {
                try {
                    room.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (closedReason == null) {
                chunks.add(bytes);
                size += bytes.length;
                arrived.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts bytes back in front of what is unread (they were read ahead, for example past a prompt).
     *
     * @param bytes the bytes to read again first
     */
    void pushFront(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        lock.lock();
        try {
            if (headOffset > 0) {
                byte[] head = chunks.removeFirst();
                chunks.addFirst(java.util.Arrays.copyOfRange(head, headOffset, head.length));
                headOffset = 0;
            }
            chunks.addFirst(bytes.clone());
            size += bytes.length;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the unread bytes contain {@code pattern}, without consuming anything.
     *
     * @param pattern what to look for
     * @param timeoutMillis the longest wait
     * @return whether it arrived in time (false also when the stream ended)
     */
    boolean awaitContains(byte[] pattern, long timeoutMillis) {
        long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        lock.lock();
        try {
            while (true) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream((int) Math.min(size, 1 << 20));
                boolean first = true;
                for (byte[] c : chunks) {
                    all.write(c, first ? headOffset : 0, c.length - (first ? headOffset : 0));
                    first = false;
                }
                if (org.mpysdk.core.internal.Bytes.indexOf(all.toByteArray(), pattern, 0) >= 0) {
                    return true;
                }
                if (closedReason != null || left <= 0) {
                    return false;
                }
                try {
                    left = arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream; the first reason given wins. */
    void close(String reason, Throwable cause) {
        lock.lock();
        try {
            if (closedReason == null) {
                closedReason = reason;
                closedCause = cause;
            }
            arrived.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closedReason != null;
        } finally {
            lock.unlock();
        }
    }

    /** @return the reason given to {@link #close}, or null while open */
    String closedReason() {
        lock.lock();
        try {
            return closedReason;
        } finally {
            lock.unlock();
        }
    }

    long available() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything not yet read. @return how many bytes were dropped */
    long clear() {
        lock.lock();
        try {
            long dropped = size;
            chunks.clear();
            headOffset = 0;
            size = 0;
            room.signalAll();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return bytes copied, 1 to {@code len}, or 0 when {@code timeoutMillis} passed with nothing
     * @throws TransportClosedException when the stream has ended and nothing is left
     */
    int read(byte[] buf, int off, int len, long timeoutMillis) throws TransportClosedException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            while (size == 0) {
                if (closedReason != null) {
                    throw new TransportClosedException(name + ": " + closedReason, closedCause);
                }
                if (left <= 0) {
                    return 0;
                }
                try {
                    left = arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportClosedException(name + ": interrupted while waiting for data", e);
                }
            }
            int copied = 0;
            while (copied < len && !chunks.isEmpty()) {
                byte[] head = chunks.peekFirst();
                int n = Math.min(len - copied, head.length - headOffset);
                System.arraycopy(head, headOffset, buf, off + copied, n);
                copied += n;
                headOffset += n;
                if (headOffset == head.length) {
                    chunks.removeFirst();
                    headOffset = 0;
                }
            }
            size -= copied;
            room.signalAll();
            return copied;
        } finally {
            lock.unlock();
        }
    }

    /** @return a short description for logs */
    @Override
    public String toString() {
        lock.lock();
        try {
            return "InboundBytes[" + name + ", " + size + " bytes" + (closedReason == null ? "" : ", closed: " + closedReason) + "]";
        } finally {
            lock.unlock();
        }
    }
}
