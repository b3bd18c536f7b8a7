package org.mpysdk.firmware.mip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.BoardFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checked files under the target folder with {@link BoardFiles}: folders made as needed, a file
 * the board already holds with the same content skipped ({@link BoardFiles#isUnchanged}), every other
 * one put and verified on the board. A full filesystem becomes {@link BoardOutOfSpaceException}
 * naming what got written.
 */
final class BoardWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BoardWriter.class);
    private static final int ENOSPC = 28;

    private final BoardFiles files;
    private final String target;
    private final ProgressListener progress;
    private final Cancellation cancellation;

    /**
     * @param files the board's files
     * @param target the board folder, without a trailing "/" (but {@code "/"} itself for the root)
     */
    BoardWriter(BoardFiles files, String target, ProgressListener progress, Cancellation cancellation) {
        this.files = files;
        this.target = target;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /** The files written and skipped, and the bytes written. */
    record Outcome(List<String> written, List<String> unchanged, long bytes) {
    }

    Outcome write(List<DownloadedFile> downloaded) throws IOException {
        // isUnchanged and put read host files: the checked content goes to a private temporary folder.
        Path staging = Files.createTempDirectory("mpysdk-mip-");
        try {
            return write(downloaded, staging);
        } finally {
            deleteStaging(staging);
        }
    }

    private static void deleteStaging(Path staging) {
        try (var listing = Files.list(staging)) {
            for (Path p : (Iterable<Path>) listing::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            LOG.debug("could not remove the staging folder {}: {}", staging, e.toString());
        }
    }

    private Outcome write(List<DownloadedFile> downloaded, Path staging) throws IOException {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        long bytes = 0;
        int n = 0;
        for (DownloadedFile d : downloaded) {
            String remote = remotePath(d.file().path());
            cancellation.throwIfCancelled("installing " + remote + " (" + done(written, downloaded.size()) + ")");
            Path local = staging.resolve("file-" + n++);
            Files.write(local, d.data());
            try {
                String folder = remote.substring(0, remote.lastIndexOf('/'));
                if (!folder.isEmpty() && folders.add(folder)) {
                    files.mkdir(folder);
                }
                if (files.isUnchanged(local, remote)) {
                    LOG.debug("{} is already on the board", remote);
                    unchanged.add(remote);
                    progress.onProgress(new Progress("mip", "unchanged " + remote, written.size() + unchanged.size(), downloaded.size()));
                    continue;
                }
                progress.onProgress(new Progress("mip", "install " + remote, written.size() + unchanged.size(), downloaded.size()));
                files.put(local, remote);
            } catch (BoardCodeException e) {
                if (e.errno() == ENOSPC || e.remoteMessage().contains("ENOSPC")) {
                    throw new BoardOutOfSpaceException("the board ran out of space writing " + remote + " (" + d.data().length
                            + " bytes; " + done(written, downloaded.size()) + "); free space on the board (remove files "
                            + "you no longer need), or install the .mpy variant, which is smaller than the sources",
                            written, e);
                }
                throw e;
            }
            written.add(remote);
            bytes += d.data().length;
        }
        progress.onProgress(new Progress("mip", "installed", downloaded.size(), downloaded.size()));
        return new Outcome(written, unchanged, bytes);
    }

    private static String done(List<String> written, int total) {
        return written.isEmpty() ? "nothing written yet" : written.size() + " of " + total + " files written: " + written;
    }

    private String remotePath(String relative) {
        return (target.equals("/") ? "" : target) + "/" + relative;
    }
}
