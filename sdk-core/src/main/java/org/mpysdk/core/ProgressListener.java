package org.mpysdk.core;

/**
 * Receives progress events from long operations (erase, flash, download, file copy).
 * Called on the thread doing the work: return quickly.
 *
 * <pre>{@code
 * board.onProgress(p -> System.out.printf("%s %s %d/%d%n", p.operation(), p.phase(), p.done(), p.total()));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every event. */
    ProgressListener NONE = p -> { };

    /** @param progress the latest state of the operation */
    void onProgress(Progress progress);
}
