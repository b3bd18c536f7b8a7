package org.mpysdk.firmware.mip;

import java.util.List;

/**
 * What an install did.
 *
 * @param target the board folder the packages went into, e.g. {@code "/lib"}
 * @param packages every package resolved, in install order (requested ones first, then their dependencies)
 * @param written the board paths written
 * @param unchanged the board paths skipped because the board already had the same content
 * @param bytesWritten the bytes of the files written
 */
public record InstallReport(String target, List<InstalledPackage> packages, List<String> written,
        List<String> unchanged, long bytesWritten) {
    /**
     * Copies the lists.
     *
     * @param target the board folder the packages went into
     * @param packages every package resolved, in install order
     * @param written the board paths written
     * @param unchanged the board paths skipped
     * @param bytesWritten the bytes of the files written
     */
    public InstallReport {
        packages = List.copyOf(packages);
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
    }
}
