package org.mpysdk.testkit.webrepl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.TransportClosedException;

/**
 * A scripted board terminal for {@link WebReplServer} in unit tests: what the test {@link #print prints}
 * is the board's output (sent to the WebREPL client in text frames), and what the client types is kept
 * in {@link #typed()} (and echoed back when echo is on).
 *
 * <pre>{@code
 * PipeTerminal term = new PipeTerminal(false);
 * try (WebReplServer server = WebReplServer.builder().password("pw12").terminal(term).start()) {
 *     term.print(new byte[] {(byte) 0x80, (byte) 0xFF});
 * }
 * }</pre>
 */
public final class PipeTerminal extends AbstractTransport {
    private final boolean echo;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private int outputRead;
    private final ByteArrayOutputStream typed = new ByteArrayOutputStream();

    /** @param echo whether typed bytes come back as output, as a terminal echoes keystrokes */
    public PipeTerminal(boolean echo) {
        super("pipe-terminal");
        this.echo = echo;
    }

    /**
     * Makes the board print {@code bytes} (the client receives them).
     *
     * @param bytes what the board prints, e.g. a prompt
     */
    public void print(byte[] bytes) {
        lock.lock();
        try {
            output.write(bytes, 0, bytes.length);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return every byte the client has typed so far */
    public byte[] typed() {
        lock.lock();
        try {
            return typed.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the client has typed at least {@code count} bytes.
     *
     * @param count how many bytes to wait for, counted from the start of the session
     * @param timeout how long to wait
     * @return everything typed so far
     * @throws OperationTimeoutException when fewer arrive in time
     */
    public byte[] awaitTyped(int count, Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        lock.lock();
        try {
            while (typed.size() < count) {
                if (deadline.expired()) {
                    throw new OperationTimeoutException("the client typed " + typed.size() + " of " + count + " bytes", timeout);
                }
                try {
                    changed.await(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportClosedException("interrupted", e);
                }
            }
            return typed.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (output.size() == outputRead) {
                ensureOpen();
                if (left <= 0) {
                    return 0;
                }
                try {
                    left = changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportClosedException("interrupted", e);
                }
            }
            byte[] all = output.toByteArray();
            int n = Math.min(len, all.length - outputRead);
            System.arraycopy(all, outputRead, buf, off, n);
            outputRead += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) {
        lock.lock();
        try {
            typed.write(data, off, len);
            if (echo) {
                output.write(data, off, len);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void closeRaw() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
