package org.mpysdk.testkit.micropython;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes the host sent and the board has not consumed yet: the board's UART receive buffer. Unbounded,
 * so the host's writes never block.
 */
final class InputQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private byte[] data = new byte[4096];
    private int start;
    private int end;

    /** Appends bytes and wakes the board. */
    void put(byte[] bytes, int off, int len) {
        lock.lock();
        try {
            if (end + len > data.length) {
                int used = end - start;
                byte[] target = used + len <= data.length / 2 ? data : new byte[Math.max(data.length * 2, used + len)];
                System.arraycopy(data, start, target, 0, used);
                data = target;
                start = 0;
                end = used;
            }
            System.arraycopy(bytes, off, data, end, len);
            end += len;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes everything queued, waiting at most {@code timeoutMillis} for something to arrive.
     *
     * @return the bytes, empty on timeout
     * @throws InterruptedException when the board's thread is interrupted (the board is closing)
     */
    byte[] takeAll(long timeoutMillis) throws InterruptedException {
        return take(Integer.MAX_VALUE, timeoutMillis);
    }


    /**
     * Takes up to {@code max} bytes, waiting at most {@code timeoutMillis} for the first: code on the
     * board reading its stdin while it runs (a mounted folder's answers), as a UART read does.
     *
     * @return the bytes, empty on timeout
     * @throws InterruptedException when the board's thread is interrupted (the board is closing)
     */
    byte[] take(int max, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            if (!await(timeoutMillis)) {
                return new byte[0];
            }
            int n = Math.min(max, end - start);
            byte[] out = Arrays.copyOfRange(data, start, start + n);
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param timeoutMillis the longest wait
     * @return whether input is waiting (after waiting at most that long for some)
     * @throws InterruptedException when the board's thread is interrupted
     */
    boolean waiting(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            return await(timeoutMillis);
        } finally {
            lock.unlock();
        }
    }

    private boolean await(long timeoutMillis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (end == start) {
            if (left <= 0) {
                return false;
            }
            left = arrived.awaitNanos(left);
        }
        return true;
    }
}
