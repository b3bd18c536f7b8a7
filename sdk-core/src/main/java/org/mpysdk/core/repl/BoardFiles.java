package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.mpysdk.core.LocalFiles;
import org.mpysdk.core.OperationCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's filesystem, through Python run in the raw REPL (what mpremote's {@code fs} commands do).
 * Works on firmware with folders and on the micro:bit's flat filesystem, where only top-level names
 * exist and there is no {@code os.stat}, {@code os.mkdir} or {@code os.rename}.
 *
 * <pre>{@code
 * BoardFiles fs = board.repl().files();
 * fs.mkdir("/lib/drivers");
 * fs.put(Path.of("main.py"), "/main.py");
 * SyncReport r = fs.putTree(Path.of("src"), "/lib");   // copies only what changed
 * for (RemoteFile f : fs.ls("/")) System.out.println(f);
 * fs.get("/data.bin", Path.of("data.bin"));             // binary-safe, via a temporary file
 * }</pre>
 *
 * <p>Every transfer is verified end to end: SHA-256 where the firmware has hashlib, else CRC-16 (the
 * board computes it, the host compares). Uploads ({@link SafePut}, {@link ChunkedUpload}) write a
 * temporary file beside the target in offset-addressed chunks (a resent chunk cannot duplicate data),
 * verify it, and rename it onto the target, so the target is never half-written. Downloads
 * ({@link VerifiedDownload}) stream in one exec, decoded strictly. Data travels base64-encoded where the
 * firmware has {@code binascii}, otherwise as escaped bytes literals; uploads use raw-paste flow control
 * where the firmware has it. Long operations report {@link org.mpysdk.core.Progress} (operation
 * {@code "put"} or {@code "get"}, phase = the board path) and honour cancellation between chunks.
 * Board paths with {@code .}, {@code ..} or empty parts are refused ({@link InvalidRemotePathException}).
 */
public final class BoardFiles {
    private static final Logger LOG = LoggerFactory.getLogger(BoardFiles.class);
    private static final int DIR_BIT = 0x4000;
    private static final int FILE_MODE = 0x8000;
    /** A read that arrives damaged is tried once more. */
    private static final int READ_ATTEMPTS = 2;

    private final Repl repl;
    private final SafePut safePut;
    private final VerifiedDownload download;

    BoardFiles(Repl repl) {
        this.repl = repl;
        this.safePut = new SafePut(repl);
        this.download = new VerifiedDownload(repl);
    }

    /**
     * @return what the firmware offers (encoding, hashing, folders), measured once
     * @throws IOException when the REPL does not answer the probe
     */
    public FirmwareFeatures features() throws IOException {
        return repl.features();
    }

    // ---------------------------------------------------------------- listing

    /**
     * Lists a folder (not recursive). On a flat filesystem only {@code "/"} or {@code ""} can be listed.
     *
     * @param dir the board folder, e.g. {@code "/lib"}
     * @return its entries with path, name, size (0 for folders) and kind, in the board's order
     * @throws RemoteFileNotFoundException when the folder does not exist
     * @throws UnsupportedRemoteOperationException for a folder other than the root on a flat filesystem
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public List<RemoteFile> ls(String dir) throws IOException {
        FirmwareFeatures f = features();
        String d = RemotePaths.check(dir.isEmpty() ? "/" : dir);
        String code;
        if (!f.directories()) {
            requireRoot(d, "list");
            code = "import os\nfor __mn in os.listdir():\n print(repr(__mn)," + FILE_MODE + ",os.size(__mn))\n";
        } else if (f.ilistdir()) {
            // Some ports' ilistdir gives no size (3-tuples): ask stat then, rather than report -1.
            String pre = d.endsWith("/") ? d : d + "/";
            code = "import os\nfor __me in os.ilistdir(" + py(d) + "):\n print(repr(__me[0]),__me[1],__me[3] if len(__me)>3 else os.stat("
                    + py(pre) + "+__me[0])[6])\n";
        } else {
            String pre = d.endsWith("/") ? d : d + "/";
            code = "import os\nfor __mn in os.listdir(" + py(d) + "):\n __ms=os.stat(" + py(pre) + "+__mn)\n print(repr(__mn),__ms[0],__ms[6])\n";
        }
        String out = execFs(code, d).stdout();
        List<RemoteFile> files = new ArrayList<>();
        String prefix = f.directories() ? d : "";
        for (String line : out.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            int s2 = line.lastIndexOf(' ');
            int s1 = s2 <= 0 ? -1 : line.lastIndexOf(' ', s2 - 1);
            if (s1 <= 0) {
                throw new ReplProtocolException("unexpected listing line from the board: '" + line + "'");
            }
            String name = new String(PyLiterals.parse(line.substring(0, s1)), StandardCharsets.UTF_8);
            long mode = parseLong(line.substring(s1 + 1, s2), line);
            long size = parseLong(line.substring(s2 + 1), line);
            boolean isDir = (mode & DIR_BIT) != 0;
            files.add(new RemoteFile(prefix.isEmpty() ? name : RemotePaths.join(prefix, name), name, isDir ? 0 : size, isDir));
        }
        return files;
    }

    /**
     * @param path a board path, e.g. {@code "/main.py"}
     * @return the file or folder at {@code path}
     * @throws RemoteFileNotFoundException when there is none
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public RemoteFile stat(String path) throws IOException {
        FirmwareFeatures f = features();
        String p = normal(path, f);
        if (isRoot(p)) {
            return new RemoteFile(p, p, 0, true);
        }
        String code = f.directories() || f.stat()
                ? "import os\n__ms=os.stat(" + py(p) + ")\nprint(__ms[0],__ms[6])\ndel __ms\n"
                : "import os\nprint(" + FILE_MODE + ",os.size(" + py(p) + "))\n";
        String[] parts = execFs(code, p).text().split(" ");
        if (parts.length != 2) {
            throw new ReplProtocolException("unexpected stat answer from the board for " + p + ": " + String.join(" ", parts));
        }
        boolean isDir = (parseLong(parts[0], p) & DIR_BIT) != 0;
        int slash = p.lastIndexOf('/');
        return new RemoteFile(p, p.substring(slash + 1), isDir ? 0 : parseLong(parts[1], p), isDir);
    }

    /**
     * @param path a board path
     * @return whether a file or folder exists at {@code path}
     * @throws IOException when the REPL fails (a missing file is not a failure)
     */
    public boolean exists(String path) throws IOException {
        try {
            stat(path);
            return true;
        } catch (RemoteFileNotFoundException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- changing

    /**
     * Creates a folder and its missing parents; does nothing when it exists.
     *
     * @param dir the board folder to create, e.g. {@code "/lib/drivers"}
     * @throws UnsupportedRemoteOperationException on a flat filesystem (except for the root)
     * @throws RemoteException when a file is in the way
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public void mkdir(String dir) throws IOException {
        FirmwareFeatures f = features();
        String d = RemotePaths.check(dir);
        if (isRoot(d)) {
            return;
        }
        if (!f.directories()) {
            throw new UnsupportedRemoteOperationException("cannot create folder " + d + ": this firmware's filesystem is flat"
                    + " (micro:bit style, no os.mkdir); store files at the top level");
        }
        List<String> all = RemotePaths.prefixes(d);
        StringBuilder tuple = new StringBuilder("(");
        for (String p : all) {
            tuple.append(py(p)).append(',');
        }
        tuple.append(')');
        execFs("import os\nfor __md in " + tuple + ":\n try:\n  os.mkdir(__md)\n except OSError:\n"
                + "  if not os.stat(__md)[0]&" + DIR_BIT + ":raise\n", d);
    }

    /**
     * Removes a file.
     *
     * @param path the board file to remove
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public void rm(String path) throws IOException {
        String p = normal(path, features());
        execFs("import os\nos.remove(" + py(p) + ")\n", p);
    }

    /**
     * Removes a folder and everything in it.
     *
     * @param dir the board folder to remove
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws UnsupportedRemoteOperationException on a flat filesystem, or for the root folder
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public void rmdir(String dir) throws IOException {
        FirmwareFeatures f = features();
        String d = RemotePaths.check(dir);
        if (isRoot(d)) {
            throw new UnsupportedRemoteOperationException("refusing to remove the root folder " + d + "; remove its entries one by one");
        }
        if (!f.directories()) {
            throw new UnsupportedRemoteOperationException("cannot remove folder " + d + ": this firmware's filesystem is flat (no folders)");
        }
        String base = d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
        execFs("import os\ndef __mr(d):\n for n in os.listdir(d):\n  q=d+'/'+n\n  if os.stat(q)[0]&" + DIR_BIT
                + ":__mr(q)\n  else:os.remove(q)\n os.rmdir(d)\n__mr(" + py(base) + ")\ndel __mr\n", d);
    }

    /**
     * Renames (moves) a file or folder. Without {@code os.rename} (micro:bit) the file is copied on the
     * board and the old one removed.
     *
     * @param from the current board path
     * @param to the new board path; an existing file there is replaced where the firmware allows it
     * @throws RemoteFileNotFoundException when {@code from} does not exist
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public void rename(String from, String to) throws IOException {
        FirmwareFeatures f = features();
        String a = normal(from, f);
        String b = normal(to, f);
        if (f.rename()) {
            execFs("import os\nos.rename(" + py(a) + "," + py(b) + ")\n", a);
        } else {
            execFs(copyOnBoard(py(a), py(b)) + "import os\nos.remove(" + py(a) + ")\n", a);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * @param path the board file to read
     * @return the whole content of a file, verified end to end (see {@link #get})
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws TransferVerificationException when it arrived damaged twice in a row
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public byte[] cat(String path) throws IOException {
        for (int attempt = 1; ; attempt++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                read(path, out, "cat");
                return out.toByteArray();
            } catch (TransferVerificationException e) {
                if (attempt >= READ_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("{}; reading it again", e.getMessage());
            }
        }
    }

    /**
     * Streams a file's content into {@code out} (bounded memory on the host). The content is verified
     * as for {@link #get}, but only at the end: when this throws, {@code out} may already hold some
     * (or damaged) bytes, so write to a place you can discard. There is no second attempt.
     *
     * @param path the board file to read
     * @param out receives the bytes as they arrive; not closed
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws TransferVerificationException when the data arrived damaged
     * @throws IOException when the REPL fails or {@code out} cannot be written
     */
    public void cat(String path, OutputStream out) throws IOException {
        read(path, out, "cat");
    }

    /**
     * Copies a board file to the host. The board hashes the file as it sends it (SHA-256 where it has
     * hashlib, else CRC-16) and the host compares that with what it decoded, strictly; a damaged copy is
     * read once more. The data goes to a temporary file beside {@code local}, which replaces
     * {@code local} only when verified; on any failure (damage, a disconnect, a reset, a cancel) the
     * temporary file is removed and {@code local} is untouched.
     *
     * @param remote the board file to copy
     * @param local the host file to create or replace; missing parent folders are created
     * @throws RemoteFileNotFoundException when the board file does not exist
     * @throws TransferVerificationException when it arrived damaged twice in a row
     * @throws IOException when the REPL fails or the host file cannot be written
     */
    public void get(String remote, Path local) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                LocalFiles.writeAtomically(local, out -> read(remote, out, "get"));
                return;
            } catch (TransferVerificationException e) {
                if (attempt >= READ_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("{}; reading it again", e.getMessage());
            }
        }
    }

    /**
     * Copies a board folder to the host, recursively, each file verified as by {@link #get}. Every remote
     * name is checked first: a name that would land outside {@code localDir} ({@code ..}, an absolute
     * path) fails the whole copy before anything is written.
     *
     * @param remoteDir the board folder to copy
     * @param localDir the host folder to copy into, created when missing
     * @return the local files written
     * @throws UnsafeRemotePathException for such a name
     * @throws IOException when the REPL fails or a host file cannot be written
     */
    public List<Path> getTree(String remoteDir, Path localDir) throws IOException {
        return repl.pinning(() -> {
            Map<String, Path> plan = new LinkedHashMap<>();
            collect(remoteDir, "", localDir, plan);
            Files.createDirectories(localDir);
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, Path> e : plan.entrySet()) {
                try {
                    repl.currentCancellation().throwIfCancelled("getTree " + remoteDir);
                    get(e.getKey(), e.getValue());
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
        for (RemoteFile f : ls(remoteDir)) {
            String rel = relPrefix.isEmpty() ? f.name() : relPrefix + "/" + f.name();
            Path target = RemotePaths.localTarget(localDir, rel);
            if (f.directory()) {
                collect(f.path(), rel, localDir, plan);
            } else {
                plan.put(f.path(), target);
            }
        }
    }

    private void read(String remote, OutputStream out, String operation) throws IOException {
        repl.pinning(() -> {
            String p = normal(remote, features());
            download.read(p, out, operation);
            return null;
        });
    }

    // ---------------------------------------------------------------- writing

    /**
     * Copies a host file to the board, replacing what is there, without ever leaving it half-written:
     * the data goes to a temporary file beside the target ({@code /lib/.x.py.part} for
     * {@code /lib/x.py}), is verified there (the board's SHA-256, or CRC-16 without hashlib, against the
     * host's), and only then renamed onto the target. On failure the temporary file is removed and the
     * target is unchanged; when the temporary file cannot be removed (the link is gone), a
     * {@link PartialUploadException} says what is left. A damaged copy is sent once more.
     *
     * @param local the host file to send
     * @param remote the board path to write, e.g. {@code "/main.py"}; its folder must exist
     * @throws TransferVerificationException when the copy arrived damaged twice (the target is unchanged)
     * @throws PartialUploadException when the upload failed and left a file on the board
     * @throws IOException when the host file cannot be read, the REPL fails, or the board cannot
     *     write (a {@link RemoteException} with OSError, e.g. no space left)
     */
    public void put(Path local, String remote) throws IOException {
        repl.pinning(() -> {
            String p = normal(remote, features());
            safePut.put(() -> Files.newInputStream(local), Files.size(local), p);
            return null;
        });
    }

    /**
     * Writes bytes to a board file, replacing what is there, as {@link #put(Path, String)} does.
     *
     * @param data the whole new content
     * @param remote the board path to write; its folder must exist
     * @throws TransferVerificationException when the copy arrived damaged twice (the target is unchanged)
     * @throws PartialUploadException when the upload failed and left a file on the board
     * @throws IOException when the REPL fails or the board cannot write (a {@link RemoteException}
     *     with OSError, e.g. no space left)
     */
    public void put(byte[] data, String remote) throws IOException {
        repl.pinning(() -> {
            String p = normal(remote, features());
            safePut.put(() -> new java.io.ByteArrayInputStream(data), data.length, p);
            return null;
        });
    }

    /**
     * The same as {@link #put(Path, String)}, which verifies every copy; kept for callers written when
     * only this method did.
     *
     * @param local the host file to send
     * @param remote the board path to write; its folder must exist
     * @throws TransferVerificationException when the copy differs after writing
     * @throws IOException when the host file cannot be read or the REPL fails
     */
    public void putVerified(Path local, String remote) throws IOException {
        put(local, remote);
    }

    /**
     * @param local the host file
     * @param remote the board file to compare with it
     * @return whether the board file matches the host file (SHA-256 where possible, else size); false
     *     when the board file is missing
     * @throws IOException when the host file cannot be read or the REPL fails
     */
    public boolean verify(Path local, String remote) throws IOException {
        return repl.pinning(() -> {
            String p = normal(remote, features());
            Fingerprint remoteFp = fingerprints(List.of(p)).get(p);
            return remoteFp != null && remoteFp.equals(Fingerprint.of(local, features().hashlib() != null));
        });
    }

    /**
     * Whether copying {@code local} to {@code remote} can be skipped, as mpremote's {@code cp} decides:
     * only when the board can hash (hashlib) and its file has the host file's size and SHA-256. Without
     * hashlib the answer is always false: a size alone cannot prove the content.
     *
     * @param local the host file
     * @param remote the board file
     * @return true when the board file is provably the same as the host file
     * @throws IOException when the host file cannot be read or the REPL fails
     */
    public boolean isUnchanged(Path local, String remote) throws IOException {
        return features().hashlib() != null && verify(local, remote);
    }

    /**
     * Copies a host folder tree to the board, writing only files that are missing or differ (by SHA-256
     * where the firmware has hashlib, else by size), creating folders as needed; each copy is verified
     * and replaces its target only when complete, as with {@link #put(Path, String)}.
     *
     * @param localDir the host folder whose files to copy
     * @param remoteDir the board folder to copy into ({@code "/"} on a flat filesystem)
     * @return which board files were copied and which were already up to date, and the bytes sent
     * @throws UnsupportedRemoteOperationException when the tree has sub-folders and the board's
     *     filesystem is flat
     * @throws TransferVerificationException when a copy arrived damaged twice
     * @throws IOException when a host file cannot be read or the REPL fails
     */
    public SyncReport putTree(Path localDir, String remoteDir) throws IOException {
        return putTree(localDir, remoteDir, false);
    }

    /**
     * As {@link #putTree(Path, String)}; with {@code force} every file is copied, changed or not.
     *
     * @param localDir the host folder whose files to copy
     * @param remoteDir the board folder to copy into ({@code "/"} on a flat filesystem)
     * @param force copy every file without comparing
     * @return which board files were copied and which were already up to date, and the bytes sent
     * @throws UnsupportedRemoteOperationException when the tree has sub-folders and the board's
     *     filesystem is flat
     * @throws TransferVerificationException when a copy arrived damaged twice
     * @throws IOException when a host file cannot be read or the REPL fails
     */
    public SyncReport putTree(Path localDir, String remoteDir, boolean force) throws IOException {
        return repl.pinning(() -> putTreePinned(localDir, remoteDir, force));
    }

    private SyncReport putTreePinned(Path localDir, String remoteDir, boolean force) throws IOException {
        FirmwareFeatures f = features();
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
        Map<String, Fingerprint> remote = force ? Map.of() : fingerprints(new ArrayList<>(files.keySet()));
        List<String> copied = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> dirs = new LinkedHashSet<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!force && Fingerprint.of(e.getValue(), byHash).equals(remote.get(e.getKey()))) {
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
            mkdir(d);
        }
        long bytes = 0;
        List<String> done = new ArrayList<>();
        for (String r : copied) {
            try {
                repl.currentCancellation().throwIfCancelled("putTree " + localDir);
                put(files.get(r), r);
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


    // ---------------------------------------------------------------- comparing

    /** Size and, where the board can hash, SHA-256 of a file. */
    record Fingerprint(long size, String sha256) {
        static Fingerprint of(Path local, boolean withHash) throws IOException {
            long size = Files.size(local);
            if (!withHash) {
                return new Fingerprint(size, null);
            }
            try (InputStream in = Files.newInputStream(local)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                return new Fingerprint(size, java.util.HexFormat.of().formatHex(md.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    /** @return fingerprints of the board files that exist (missing ones are absent from the map) */
    Map<String, Fingerprint> fingerprints(List<String> paths) throws IOException {
        FirmwareFeatures f = features();
        Map<String, Fingerprint> out = new LinkedHashMap<>();
        String fn;
        if (f.hashlib() != null) {
            fn = "import os," + f.hashlib() + " as __mH\ndef __mq(p):\n try:\n  f=open(p,'rb')\n except OSError:\n  return '-'\n"
                    + " h=__mH.sha256()\n n=0\n while 1:\n  b=f.read(256)\n  if not b:break\n  n+=len(b)\n  h.update(b)\n"
                    + " f.close()\n return str(n)+' '+repr(h.digest())\n";
        } else {
            String size = f.stat() ? "os.stat(p)[6]" : "os.size(p)";
            fn = "import os\ndef __mq(p):\n try:\n  return str(" + size + ")\n except OSError:\n  return '-'\n";
        }
        int i = 0;
        int perExec = 32;
        while (i < paths.size()) {
            List<String> batch = paths.subList(i, Math.min(paths.size(), i + perExec));
            StringBuilder code = new StringBuilder(fn).append("for __mp in (");
            for (String p : batch) {
                code.append(py(p)).append(',');
            }
            code.append("):\n print(__mq(__mp))\ndel __mq\n");
            String[] lines = repl.exec(code.toString(), transferTimeout(repl, 0)).stdout().split("\r?\n");
            if (lines.length < batch.size()) {
                throw new ReplProtocolException("expected " + batch.size() + " fingerprints from the board, got " + lines.length);
            }
            for (int k = 0; k < batch.size(); k++) {
                String line = lines[k].strip();
                if (line.equals("-")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    out.put(batch.get(k), new Fingerprint(parseLong(line, batch.get(k)), null));
                } else {
                    byte[] digest = PyLiterals.parse(line.substring(sp + 1));
                    out.put(batch.get(k), new Fingerprint(parseLong(line.substring(0, sp), batch.get(k)),
                            java.util.HexFormat.of().formatHex(digest)));
                }
            }
            i += batch.size();
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private ExecResult execFs(String code, String path) throws IOException {
        try {
            return repl.exec(code);
        } catch (RemoteException e) {
            throw RemoteFileNotFoundException.ifMissing(e, path);
        }
    }

    /**
     * @return the time allowed for an exec that moves {@code bytes} of file content: the exec timeout plus
     *     the line time of the encoded data (base64 or hex, at most twice the content; see
     *     {@link Repl#lineAllowance}), never less than at 10 KB/s. Before, a fixed 10 KB/s cut off a 600 KB
     *     get at 115200, where base64 moves about 8.6 KB/s
     */
    static Duration transferTimeout(Repl repl, long bytes) {
        Duration byLine = repl.lineAllowance(2 * Math.max(0, bytes));
        Duration floor = Duration.ofMillis(Math.max(0, bytes) / 10);
        return repl.options().execTimeout().plus(byLine.compareTo(floor) > 0 ? byLine : floor);
    }

    /**
     * @param from a Python string literal naming the source file
     * @param to a Python string literal naming the target file
     * @return Python that copies one board file onto another on the board (for firmware without
     *     {@code os.rename}), in small blocks for a small heap
     */
    static String copyOnBoard(String from, String to) {
        return "__ms=open(" + from + ",'rb')\n__md=open(" + to + ",'wb')\nwhile 1:\n __mb=__ms.read(128)\n"
                + " if not __mb:break\n __md.write(__mb)\n__ms.close()\n__md.close()\ndel __ms,__md,__mb\n";
    }

    private static String normal(String path, FirmwareFeatures f) throws InvalidRemotePathException {
        String p = RemotePaths.check(path);
        if (!f.directories() && p.startsWith("/") && p.length() > 1) {
            // The micro:bit has one flat namespace: "/main.py" means "main.py".
            p = p.substring(1);
        }
        return p;
    }

    private static boolean isRoot(String p) {
        return p.isEmpty() || p.equals("/");
    }

    private static void requireRoot(String d, String what) throws UnsupportedRemoteOperationException {
        if (!isRoot(d)) {
            throw new UnsupportedRemoteOperationException("cannot " + what + " folder " + d
                    + ": the board's filesystem is flat (no folders); use \"/\"");
        }
    }

    private static String py(String s) {
        return PyLiterals.stringLiteral(s);
    }

    private static long parseLong(String s, String context) throws ReplProtocolException {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new ReplProtocolException("expected a number from the board for " + context + " but got '" + s + "'");
        }
    }
}
