package org.mpysdk.core.repl;

/**
 * How full the board's filesystem is, from {@code os.statvfs} (what mpremote's {@code df} prints).
 *
 * @param path the board path that was asked about; the numbers are of the filesystem holding it
 * @param blockSize the filesystem's block (fragment) size in bytes, the unit the other numbers count in
 * @param totalBytes the filesystem's size
 * @param usedBytes what is not free: {@code totalBytes - freeBytes}
 * @param freeBytes the free blocks ({@code f_bfree}, as mpremote's {@code df} counts them; MicroPython's
 *     filesystems report {@code f_bavail} alike)
 */
public record DiskUsage(String path, long blockSize, long totalBytes, long usedBytes, long freeBytes) {

    /** @return the used share in whole percent, rounded down as mpremote's {@code df} does; 0 for an empty size */
    public int usedPercent() {
        return totalBytes <= 0 ? 0 : (int) (100 * usedBytes / totalBytes);
    }
}
