package org.mpysdk.firmware;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.OperationTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual exclusion per cache entry, between threads (a lock per entry in this object) and between
 * processes (an OS file lock on {@code locks/NAME.lock}). Waiting is bounded by a deadline and
 * honours cancellation.
 *
 * <p>Threads should share one cache object: on POSIX systems closing any channel to a file drops the
 * process's OS lock on it, so two cache objects over one directory in one JVM exclude each other
 * only through the JVM's own lock table.
 */
final class CacheLock {
    private static final Logger LOG = LoggerFactory.getLogger(CacheLock.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Map<Path, ReentrantLock> local = new ConcurrentHashMap<>();

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        /** Releases the lock (OS lock first, then the thread lock); never throws. */
        @Override
        void close();
    }

    /**
     * Acquires the lock for one entry.
     *
     * @param lockFile the lock file (created if missing)
     * @param deadline when to give up
     * @param cancellation the caller's cancel flag
     * @param what the entry, for messages
     * @return the held lock
     * @throws OperationTimeoutException when another download holds it past the deadline
     * @throws OperationCancelledException when cancelled while waiting
     * @throws DownloadException when the lock file cannot be created
     */
    public Held acquire(Path lockFile, Deadline deadline, Cancellation cancellation, String what)
            throws OperationTimeoutException, OperationCancelledException, DownloadException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock threadLock = local.computeIfAbsent(key, k -> new ReentrantLock());
        lockThread(threadLock, deadline, cancellation, what);
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean logged = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    FileChannel held = channel;
                    return () -> release(lock, held, threadLock);
                }
                if (!logged) {
                    LOG.info("waiting for another process downloading {}", what);
                    logged = true;
                }
                pause(deadline, cancellation, what);
            }
        } catch (OperationTimeoutException | OperationCancelledException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw new DownloadException("cannot lock the cache entry for " + what + " at " + key + ": " + e.getMessage()
                    + "; check that the cache directory is writable or choose another with mpysdk.cache.dir", -1, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another cache object in this JVM holds it
        }
    }

    private static void lockThread(ReentrantLock lock, Deadline deadline, Cancellation cancellation, String what)
            throws OperationTimeoutException, OperationCancelledException {
        while (true) {
            cancellation.throwIfCancelled("waiting for the download of " + what);
            try {
                if (lock.tryLock(Math.min(100, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationCancelledException("waiting for the download of " + what + " was interrupted");
            }
            deadline.check("another thread's download of " + what);
        }
    }

    private static void pause(Deadline deadline, Cancellation cancellation, String what)
            throws OperationTimeoutException, OperationCancelledException {
        deadline.check("another process's download of " + what + " (lock file held)");
        cancellation.throwIfCancelled("waiting for the download of " + what);
        LockSupport.parkNanos(POLL_NANOS);
    }

    private static void release(FileLock lock, FileChannel channel, ReentrantLock threadLock) {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("releasing a cache lock failed; closing the channel releases it", e);
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a lock file failed", e);
            }
        }
    }
}
