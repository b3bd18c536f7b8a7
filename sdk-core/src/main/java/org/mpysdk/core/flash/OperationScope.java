package org.mpysdk.core.flash;

import java.util.Objects;
import java.util.function.Supplier;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;

/**
 * Where a bootloader reports progress and looks for cancellation. Suppliers, so that a {@code Board}'s
 * later {@code onProgress(...)} and fresh cancellation tokens reach a bootloader connected earlier.
 *
 * @param progress the current listener
 * @param cancellation the current token
 */
public record OperationScope(Supplier<ProgressListener> progress, Supplier<Cancellation> cancellation) {
    /**
     * @param progress supplies the listener to report to at the time of reporting
     * @param cancellation supplies the token to observe at the time of checking
     * @throws NullPointerException when either supplier is null
     */
    public OperationScope {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * @param listener where progress goes; null for nowhere
     * @param token the cancellation to observe; null for one that is never cancelled
     * @return a scope with a fixed listener and token
     */
    public static OperationScope of(ProgressListener listener, Cancellation token) {
        ProgressListener l = listener == null ? ProgressListener.NONE : listener;
        Cancellation c = token == null ? new Cancellation() : token;
        return new OperationScope(() -> l, () -> c);
    }

    /** @return a scope that reports nowhere and is never cancelled */
    public static OperationScope none() {
        return of(ProgressListener.NONE, new Cancellation());
    }

    /** @return the listener to report to now */
    public ProgressListener listener() {
        ProgressListener l = progress.get();
        return l == null ? ProgressListener.NONE : l;
    }

    /** @return the token to observe now */
    public Cancellation token() {
        Cancellation c = cancellation.get();
        return c == null ? new Cancellation() : c;
    }

    /**
     * @return a scope whose token is the one current now, for the length of one operation: a
     *     {@code Board.cancel()} replaces the board's token for later operations, and an operation that read
     *     the current token at each step would miss the cancel meant for it
     */
    public OperationScope pinned() {
        Cancellation c = token();
        return new OperationScope(progress, () -> c);
    }
}
