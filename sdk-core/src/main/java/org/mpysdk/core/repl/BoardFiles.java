package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.mpysdk.core.LocalFiles;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
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
 * <p>Data travels base64-encoded where the firmware has {@code binascii}, otherwise as escaped bytes
 * literals; uploads are chunked to the board's free memory and use raw-paste flow control where the
 * firmware has it. Downloads stream in one exec. Long operations report {@link Progress} (operation
 * {@code "put"} or {@code "get"}, phase = the board path) and honour cancellation between chunks.
 */
public final class BoardFiles {
    private static final Logger LOG = LoggerFactory.getLogger(BoardFiles.class);
    private static final int DIR_BIT = 0x4000;
    private static final int FILE_MODE = 0x8000;
    private static final int MAX_LINE = 64 * 1024;
    private static final String DAMAGED = "mpysdk: chunk damaged in transit";
    // A byte lost on the way may also turn the chunk into other errors; all are retried.
    private static final int CHUNK_ATTEMPTS = 4;

    private final Repl repl;
    /**
     * Source bytes per upload exec without raw-paste: starts large (fewer round trips) and drops to
     * {@link ReplOptions#plainChunk()} for this connection once the board has lost a byte.
     */
    private int plainBudget = 256;

    BoardFiles(Repl repl) {
        this.repl = repl;
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
            code = "import os\nfor __me in os.ilistdir(" + py(d) + "):\n print(repr(__me[0]),__me[1],__me[3] if len(__me)>3 else -1)\n";
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
            execFs("import os\n__ms=open(" + py(a) + ",'rb')\n__md=open(" + py(b) + ",'wb')\nwhile 1:\n __mb=__ms.read(128)\n"
                    + " if not __mb:break\n __md.write(__mb)\n__ms.close()\n__md.close()\nos.remove(" + py(a) + ")\ndel __ms,__md,__mb\n", a);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * @param path the board file to read
     * @return the whole content of a file
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws TransferVerificationException when fewer or more bytes arrived than the board reports
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public byte[] cat(String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read(path, out, "cat");
        return out.toByteArray();
    }

    /**
     * Streams a file's content into {@code out} (bounded memory on the host).
     *
     * @param path the board file to read
     * @param out receives the bytes as they arrive; not closed
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws TransferVerificationException when fewer or more bytes arrived than the board reports
     * @throws IOException when the REPL fails or {@code out} cannot be written
     */
    public void cat(String path, OutputStream out) throws IOException {
        read(path, out, "cat");
    }

    /**
     * Copies a board file to the host. The data goes to a temporary file beside {@code local}, which
     * replaces {@code local} only when every byte arrived; on any failure (a disconnect, a reset,
     * a cancel) the temporary file is removed and {@code local} is untouched.
     *
     * @param remote the board file to copy
     * @param local the host file to create or replace; missing parent folders are created
     * @throws RemoteFileNotFoundException when the board file does not exist
     * @throws IOException when the REPL fails or the host file cannot be written
     */
    public void get(String remote, Path local) throws IOException {
        LocalFiles.writeAtomically(local, out -> read(remote, out, "get"));
    }

    /**
     * Copies a board folder to the host, recursively. Every remote name is checked first: a name that
     * would land outside {@code localDir} ({@code ..}, an absolute path) fails the whole copy before
     * anything is written.
     *
     * @param remoteDir the board folder to copy
     * @param localDir the host folder to copy into, created when missing
     * @return the local files written
     * @throws UnsafeRemotePathException for such a name
     * @throws IOException when the REPL fails or a host file cannot be written
     */
    public List<Path> getTree(String remoteDir, Path localDir) throws IOException {
        Map<String, Path> plan = new LinkedHashMap<>();
        collect(remoteDir, "", localDir, plan);
        Files.createDirectories(localDir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Path> e : plan.entrySet()) {
            repl.currentCancellation().throwIfCancelled("getTree " + remoteDir + " (" + written.size() + " of " + plan.size() + " files copied)");
            get(e.getKey(), e.getValue());
            written.add(e.getValue());
        }
        return written;
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
        FirmwareFeatures f = features();
        String p = normal(remote, f);
        int chunk = (int) clamp(f.memFree() / 32, 64, 2048);
        boolean b64 = f.binascii() != null;
        String size = f.stat() ? "os.stat(" + py(p) + ")[6]" : f.size() ? "os.size(" + py(p) + ")" : "-1";
        String code = "import os\n" + (b64 ? "from " + f.binascii() + " import b2a_base64 as __ma\n" : "")
                + "__mf=open(" + py(p) + ",'rb')\nprint(" + size + ")\nwhile 1:\n __mb=__mf.read(" + chunk + ")\n if not __mb:break\n"
                + (b64 ? " print(str(__ma(__mb),'ascii'),end='')\n" : " print(repr(__mb))\n")
                + "__mf.close()\ndel __mf,__mb" + (b64 ? ",__ma" : "") + "\n";
        long expected = stat(p).size();
        ProgressListener listener = repl.progressListener();
        Cancellation cancel = repl.currentCancellation();
        long[] total = {-2};
        long[] done = {0};
        Base64.Decoder decoder = Base64.getMimeDecoder();
        LineSplitter lines = new LineSplitter(MAX_LINE, line -> {
            if (total[0] == -2) {
                total[0] = parseLong(new String(line, StandardCharsets.US_ASCII).strip(), p);
                listener.onProgress(new Progress(operation, p, 0, total[0]));
                return;
            }
            if (line.length == 0) {
                return;
            }
            byte[] data = b64 ? decoder.decode(line) : PyLiterals.parse(new String(line, StandardCharsets.ISO_8859_1));
            out.write(data);
            done[0] += data.length;
            listener.onProgress(new Progress(operation, p, done[0], total[0]));
            if (cancel.isCancelled()) {
                throw new org.mpysdk.core.OperationCancelledException(operation + " of " + p + " was cancelled after "
                        + done[0] + " of " + total[0] + " bytes");
            }
        });
        try {
            repl.run(code.getBytes(StandardCharsets.UTF_8), lines, transferTimeout(Math.max(0, expected)), null);
        } catch (RemoteException e) {
            throw notFound(e, p);
        } catch (IllegalArgumentException e) {
            throw new ReplProtocolException("the board sent invalid base64 while reading " + p, e);
        }
        lines.finish();
        if (total[0] >= 0 && done[0] != total[0]) {
            throw new TransferVerificationException("read " + done[0] + " bytes of " + p + " but the board reports "
                    + total[0] + "; the file may have changed during the copy, try again");
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Copies a host file to the board, replacing what is there.
     *
     * @param local the host file to send
     * @param remote the board path to write, e.g. {@code "/main.py"}; its folder must exist
     * @throws IOException when the host file cannot be read, the REPL fails, or the board cannot
     *     write (a {@link RemoteException} with OSError, e.g. no space left)
     */
    public void put(Path local, String remote) throws IOException {
        try (InputStream in = Files.newInputStream(local)) {
            write(in, Files.size(local), remote);
        }
    }

    /**
     * Writes bytes to a board file, replacing what is there.
     *
     * @param data the whole new content
     * @param remote the board path to write; its folder must exist
     * @throws IOException when the REPL fails or the board cannot write (a {@link RemoteException}
     *     with OSError, e.g. no space left)
     */
    public void put(byte[] data, String remote) throws IOException {
        write(new java.io.ByteArrayInputStream(data), data.length, remote);
    }

    /**
     * Copies a host file to the board and checks the copy: by SHA-256 where the firmware has hashlib,
     * else by size.
     *
     * @param local the host file to send
     * @param remote the board path to write; its folder must exist
     * @throws TransferVerificationException when the read-back differs
     * @throws IOException when the host file cannot be read or the REPL fails
     */
    public void putVerified(Path local, String remote) throws IOException {
        put(local, remote);
        if (!verify(local, remote)) {
            throw new TransferVerificationException("the copy of " + local + " at " + remote + " differs after writing ("
                    + (features().hashlib() != null ? "SHA-256" : "size") + " mismatch); check free space on the board with board.info()");
        }
    }

    /**
     * @param local the host file
     * @param remote the board file to compare with it
     * @return whether the board file matches the host file (SHA-256 where possible, else size); false
     *     when the board file is missing
     * @throws IOException when the host file cannot be read or the REPL fails
     */
    public boolean verify(Path local, String remote) throws IOException {
        String p = normal(remote, features());
        Fingerprint remoteFp = fingerprints(List.of(p)).get(p);
        return remoteFp != null && remoteFp.equals(Fingerprint.of(local, features().hashlib() != null));
    }

    /**
     * Copies a host folder tree to the board, writing only files that are missing or differ (by SHA-256
     * where the firmware has hashlib, else by size), creating folders as needed, and verifying each copy.
     *
     * @param localDir the host folder whose files to copy
     * @param remoteDir the board folder to copy into ({@code "/"} on a flat filesystem)
     * @return which board files were copied and which were already up to date, and the bytes sent
     * @throws UnsupportedRemoteOperationException when the tree has sub-folders and the board's
     *     filesystem is flat
     * @throws TransferVerificationException when a copy differs after writing
     * @throws IOException when a host file cannot be read or the REPL fails
     */
    public SyncReport putTree(Path localDir, String remoteDir) throws IOException {
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
        Map<String, Fingerprint> remote = fingerprints(new ArrayList<>(files.keySet()));
        List<String> copied = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> dirs = new LinkedHashSet<>();
        Map<String, Fingerprint> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Fingerprint local = Fingerprint.of(e.getValue(), byHash);
            wanted.put(e.getKey(), local);
            if (local.equals(remote.get(e.getKey()))) {
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
        for (String r : copied) {
            put(files.get(r), r);
            bytes += Files.size(files.get(r));
        }
        if (!copied.isEmpty()) {
            Map<String, Fingerprint> after = fingerprints(copied);
            for (String r : copied) {
                if (!wanted.get(r).equals(after.get(r))) {
                    throw new TransferVerificationException("the copy of " + files.get(r) + " at " + r + " differs after writing"
                            + " (board: " + after.get(r) + ", host: " + wanted.get(r) + ")");
                }
            }
        }
        LOG.debug("putTree {} -> {}: {} copied, {} unchanged", localDir, remoteDir, copied.size(), unchanged.size());
        return new SyncReport(copied, unchanged, bytes, byHash ? "sha256" : "size");
    }

    private void write(InputStream in, long total, String remote) throws IOException {
        FirmwareFeatures f = features();
        String p = normal(remote, f);
        boolean b64 = f.binascii() != null;
        ProgressListener listener = repl.progressListener();
        Cancellation cancel = repl.currentCancellation();
        // Each chunk carries its length and byte sum: without raw-paste nothing stops a board with a small
        // input buffer (the micro:bit's holds 64 bytes) from dropping bytes, and a damaged chunk must fail
        // before it is written, so it can be sent again.
        execFs("__mf=open(" + py(p) + ",'wb')\ndef __mw(b,n,s):\n if len(b)!=n or sum(b)&65535!=s:raise ValueError('"
                + DAMAGED + "')\n __mf.write(b)\n"
                + (b64 ? "from " + f.binascii() + " import a2b_base64 as __ma\n" : ""), p);
        boolean closed = false;
        try {
            long done = 0;
            listener.onProgress(new Progress("put", p, 0, total));
            byte[] pending = new byte[0];
            boolean eof = false;
            int attempt = 0;
            while (!eof || pending.length > 0) {
                cancel.throwIfCancelled("put of " + p + " (" + done + " of " + total + " bytes written on the board)");
                int budget = sourceBudget(f);
                // Read enough for one batch: at most budget bytes (an encoded byte is at least one character).
                if (!eof && pending.length < budget) {
                    byte[] more = in.readNBytes(budget - pending.length);
                    if (more.length < budget - pending.length) {
                        eof = true;
                    }
                    pending = concat(pending, more);
                }
                if (pending.length == 0) {
                    break;
                }
                StringBuilder src = new StringBuilder(budget + 64);
                int used = b64 ? batchBase64(pending, budget, src) : batchLiteral(pending, budget, src);
                if (!sendChunk(src.toString().getBytes(StandardCharsets.US_ASCII), p, done, ++attempt)) {
                    continue;
                }
                attempt = 0;
                done += used;
                pending = Arrays.copyOfRange(pending, used, pending.length);
                listener.onProgress(new Progress("put", p, done, total));
            }
            execFs("__mf.close()\ndel __mf,__mw" + (b64 ? ",__ma" : "") + "\n", p);
            closed = true;
        } finally {
            if (!closed) {
                try {
                    repl.run("try:\n __mf.close()\n del __mf,__mw\nexcept Exception:\n pass\n".getBytes(StandardCharsets.US_ASCII),
                            OutputSink.DISCARD, Duration.ofSeconds(2), null);
                } catch (IOException e) {
                    LOG.debug("could not close {} on the board after a failed put: {}", p, e.toString());
                }
            }
        }
    }

    /**
     * Runs one upload chunk. A chunk is our own code, so any error but OSError means bytes were lost on
     * the way (or the heap was too fragmented for it): the chunk did not write, and is sent again smaller.
     *
     * @return whether the chunk was written
     */
    private boolean sendChunk(byte[] code, String p, long offset, int attempt) throws IOException {
        try {
            repl.run(code, OutputSink.DISCARD, repl.options().execTimeout(), null, false);
            return true;
        } catch (CodeNotAcknowledgedException e) {
            if (attempt >= CHUNK_ATTEMPTS) {
                throw e;
            }
            LOG.debug("chunk of {} at {} was not acknowledged, sending it again", p, offset);
        } catch (RemoteException e) {
            if (e.type().endsWith("OSError")) {
                throw e;
            }
            if (attempt >= CHUNK_ATTEMPTS) {
                throw new ReplProtocolException("the chunk of " + p + " at byte " + offset + " failed " + attempt
                        + " times (" + e.getMessage() + "): the board drops input bytes or is out of memory;"
                        + " try a lower baud rate, a soft reset, or firmware with raw-paste", e);
            }
            LOG.debug("chunk of {} at {} failed ({}), sending it again smaller", p, offset, e.getMessage());
        }
        plainBudget = repl.options().plainChunk();
        return false;
    }

    /** Characters of Python source per upload exec: small without raw-paste, else sized to free memory. */
    private int sourceBudget(FirmwareFeatures f) {
        ReplOptions o = repl.options();
        if (!o.rawPaste() || repl.rawPaste() == Repl.RawPaste.UNSUPPORTED) {
            return Math.max(plainBudget, 40);
        }
        if (repl.rawPaste() == Repl.RawPaste.UNKNOWN) {
            return Math.max(o.plainChunk() + 1, 256); // long enough to try raw-paste once
        }
        return (int) clamp(f.memFree() / 8, o.plainChunk() + 1, 8192);
    }

    static int batchBase64(byte[] data, int budget, StringBuilder src) {
        // One line per exec: __mw(__ma(b'...'),n,s) costs about 30 characters around the base64 text. The
        // text goes as bytes: some ports' binascii is written in Python and takes no str.
        int chunk = Math.max(3, (budget - 32) / 4 * 3);
        int n = Math.min(chunk, data.length);
        src.append("__mw(__ma(b'").append(Base64.getEncoder().encodeToString(Arrays.copyOf(data, n))).append("'),")
                .append(n).append(',').append(sum(data, n)).append(")\n");
        return n;
    }

    static int batchLiteral(byte[] data, int budget, StringBuilder src) {
        int room = budget - 26; // "__mw(b'...',nnnn,sssss)\n"
        int n = 0;
        int len = 0;
        while (n < data.length && len + PyLiterals.escapedLength(data[n] & 0xFF) <= room) {
            len += PyLiterals.escapedLength(data[n] & 0xFF);
            n++;
        }
        n = Math.max(1, n);
        src.append("__mw(").append(PyLiterals.bytesLiteral(data, 0, n)).append(',').append(n).append(',')
                .append(sum(data, n)).append(")\n");
        return n;
    }

    private static int sum(byte[] data, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += data[i] & 0xFF;
        }
        return s & 0xFFFF;
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
            String[] lines = repl.exec(code.toString(), transferTimeout(0)).stdout().split("\r?\n");
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
            throw notFound(e, path);
        }
    }

    private static RemoteException notFound(RemoteException e, String path) {
        if (e instanceof RemoteFileNotFoundException || e.errno() != 2) {
            return e;
        }
        return new RemoteFileNotFoundException(path, e);
    }

    private Duration transferTimeout(long bytes) {
        // A generous floor plus time for the data at a slow 10 KB/s, so big files do not hit the default.
        return repl.options().execTimeout().plusMillis(bytes / 10);
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

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
