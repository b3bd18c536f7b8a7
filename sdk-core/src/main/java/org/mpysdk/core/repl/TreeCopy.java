package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.isRoot;
import static org.mpysdk.core.repl.FsCode.normal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.mpysdk.core.OperationCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies folder trees between host and board, file by file through {@link BoardFiles#get} and
 * {@link BoardFiles#put} (so each file is verified), under one cancellation token; a cancel says which
 * files are complete.
 */
final class TreeCopy {
    private static final Logger LOG = LoggerFactory.getLogger(TreeCopy.class);

    private final Repl repl;
    private final BoardFiles files;
    private final BoardFingerprints fingerprints;

    TreeCopy(Repl repl, BoardFiles files, BoardFingerprints fingerprints) {
        this.repl = repl;
        this.files = files;
        this.fingerprints = fingerprints;
    }

    List<Path> getTree(String remoteDir, Path localDir) throws IOException {
        return repl.pinning(() -> {
            Map<String, Path> plan = new LinkedHashMap<>();
            collect(remoteDir, "", localDir, plan);
            Files.createDirectories(localDir);
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, Path> e : plan.entrySet()) {
                try {
                    repl.currentCancellation().throwIfCancelled("getTree " + remoteDir);
                    files.get(e.getKey(), e.getValue());
                } catch (OperationCancelledException c) {
                    throw cancelledTree("getTree of " + remoteDir + " into " + localDir, written.size(), plan.size(),
                            written.stream().map(Path::toString).toList(), e.getKey() + " was not written on the host", c);
                }
                written.add(e.getValue());
            }
            return written;
        });
    }

    private static OperationCancelledException cancelledTree(String what, int done, int total, List<String> copied,
                                                             String current, OperationCancelledException cause) {
        OperationCancelledException e = new OperationCancelledException(what + " was cancelled after " + done + " of "
                + total + " files, each complete" + (copied.isEmpty() ? "" : " (" + String.join(", ", copied) + ")")
                + "; " + current + "; the other " + (total - done - 1) + " were not copied");
        e.initCause(cause);
        return e;
    }

    private void collect(String remoteDir, String relPrefix, Path localDir, Map<String, Path> plan) throws IOException {
        for (RemoteFile f : files.ls(remoteDir)) {
            String rel = relPrefix.isEmpty() ? f.name() : relPrefix + "/" + f.name();
            Path target = RemotePaths.localTarget(localDir, rel);
            if (f.directory()) {
                collect(f.path(), rel, localDir, plan);
            } else {
                plan.put(f.path(), target);
            }
        }
    }

    SyncReport putTree(Path localDir, String remoteDir, boolean force) throws IOException {
        FirmwareFeatures f = repl.features();
        boolean byHash = f.hashlib() != null;
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(localDir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = localDir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                if (!f.directories() && rel.contains("/")) {
                    throw new UnsupportedRemoteOperationException("cannot copy " + rel + ": the board's filesystem is flat"
                            + " (no folders); copy a tree without sub-folders");
                }
                String base = f.directories() ? remoteDir : "";
                files.put(normal(RemotePaths.join(base, rel), f), p);
            }
        }
        if (!f.directories() && !isRoot(remoteDir)) {
            throw new UnsupportedRemoteOperationException("cannot copy into " + remoteDir + ": the board's filesystem is flat (no folders)");
        }
        Map<String, BoardFingerprints.Fingerprint> remote = force ? Map.of() : fingerprints.of(new ArrayList<>(files.keySet()));
        List<String> copied = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> dirs = new LinkedHashSet<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!force && BoardFingerprints.Fingerprint.of(e.getValue(), byHash).equals(remote.get(e.getKey()))) {
                unchanged.add(e.getKey());
            } else {
                copied.add(e.getKey());
                String parent = RemotePaths.parent(e.getKey());
                if (f.directories() && !isRoot(parent)) {
                    dirs.add(parent);
                }
            }
        }
        for (String d : dirs) {
            this.files.mkdir(d);
        }
        long bytes = 0;
        List<String> done = new ArrayList<>();
        for (String r : copied) {
            try {
                repl.currentCancellation().throwIfCancelled("putTree " + localDir);
                this.files.put(files.get(r), r);
            } catch (OperationCancelledException c) {
                // The put says itself what it left (the target unchanged, or a temporary file).
                throw cancelledTree("putTree of " + localDir + " onto " + remoteDir, done.size(), copied.size(), done,
                        r + ": " + c.getMessage(), c);
            }
            done.add(r);
            bytes += Files.size(files.get(r));
        }

        LOG.debug("putTree {} -> {}: {} copied, {} unchanged", localDir, remoteDir, copied.size(), unchanged.size());
        return new SyncReport(copied, unchanged, bytes, force ? "none" : byHash ? "sha256" : "size");
    }
}
