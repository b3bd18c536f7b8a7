package org.mpysdk.core.repl;

import java.util.List;

/**
 * What {@link BoardFiles#putTree} did.
 *
 * @param copied remote paths written because they were missing or different
 * @param unchanged remote paths skipped because hash (or, without hashlib, size) matched
 * @param bytesCopied bytes of file content sent
 * @param comparedBy {@code "sha256"}, {@code "size"}, or {@code "none"} when every file was copied on request
 */
public record SyncReport(List<String> copied, List<String> unchanged, long bytesCopied, String comparedBy) {
    /**
     * Copies the lists so the record stays immutable.
     *
     * @param copied remote paths written
     * @param unchanged remote paths skipped
     * @param bytesCopied bytes of file content sent
     * @param comparedBy {@code "sha256"}, {@code "size"} or {@code "none"}
     */
    public SyncReport {
        copied = List.copyOf(copied);
        unchanged = List.copyOf(unchanged);
    }
}
