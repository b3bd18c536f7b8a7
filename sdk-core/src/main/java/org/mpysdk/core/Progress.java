package org.mpysdk.core;

/**
 * One progress event of a long operation.
 *
 * @param operation what runs, for example {@code "flash"}, {@code "erase"}, {@code "download"}, {@code "put"}
 * @param phase the step within it, for example {@code "write 0x1000"} or {@code "verify"}
 * @param done units finished so far (usually bytes)
 * @param total units in all, or -1 when unknown
 */
public record Progress(String operation, String phase, long done, long total) {

    /** @return the fraction done in [0, 1], or -1 when the total is unknown */
    public double fraction() {
        if (total <= 0) {
            return total == 0 ? 1.0 : -1;
        }
        return Math.min(1.0, (double) done / total);
    }
}
