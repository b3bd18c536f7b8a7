package org.mpysdk.firmware.mip;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.mpysdk.core.BoardException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;

/**
 * Downloads every file of a plan and checks each against its SHA-256 prefix from the index, all before
 * the first is written to the board: a bad file fails the install while the board is still untouched.
 */
final class FileDownloader {
    private final IndexClient client;
    private final ProgressListener progress;

    FileDownloader(IndexClient client, ProgressListener progress) {
        this.client = client;
        this.progress = progress;
    }

    List<DownloadedFile> download(List<PlannedFile> files) throws BoardException {
        List<DownloadedFile> out = new ArrayList<>(files.size());
        for (PlannedFile f : files) {
            progress.onProgress(new Progress("mip", "download " + f.path(), out.size(), files.size()));
            byte[] data = client.get(f.url(), f.path() + " of " + f.packageName())
                    .orElseThrow(() -> new PackageDownloadException("the index lists " + f.path() + " of " + f.packageName()
                            + " but " + f.url() + " is not there (HTTP 404)"
                            + (f.shortHash().isEmpty() ? "; the package's URL is out of date: tell its author"
                                    : "; the index may be half updated: try again later"), 404, null));
            if (!f.shortHash().isEmpty()) {
                String actual = sha256(data);
                if (!actual.startsWith(f.shortHash())) {
                    throw new PackageHashMismatchException(f.path() + " of " + f.packageName() + " from " + f.url()
                            + " has SHA-256 " + actual + ", but the index gives " + f.shortHash()
                            + "; nothing was written to the board. The download was damaged or the index was changed: "
                            + "try again, and if it persists, do not use this index", f.url(), f.shortHash(), actual);
                }
            }
            out.add(new DownloadedFile(f, data));
        }
        progress.onProgress(new Progress("mip", "download", files.size(), files.size()));
        return out;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
