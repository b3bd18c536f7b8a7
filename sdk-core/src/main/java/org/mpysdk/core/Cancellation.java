package org.mpysdk.core;

/**
 * A cancel flag shared between the caller and a long operation. Any thread may call {@link #cancel()};
 * the operation notices at its next step and throws {@link OperationCancelledException}. An interrupt
 * of the working thread counts as a cancel too.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** A token not cancelled yet. */
    public Cancellation() {
    }

    /** Asks the operation to stop at its next step. */
    public void cancel() {
        cancelled = true;
    }

    /** @return whether {@link #cancel()} was called or the current thread was interrupted */
    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    /**
     * @param what describes the operation and how far it got, for the exception's message
     * @throws OperationCancelledException when cancelled
     */
    public void throwIfCancelled(String what) throws OperationCancelledException {
        if (isCancelled()) {
            throw new OperationCancelledException(what + " was cancelled");
        }
    }
}
