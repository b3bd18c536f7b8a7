package org.mpysdk.webrepl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.internal.LocalFiles;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.SyncReport;
import org.mpysdk.core.repl.TransferVerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebREPL binary file protocol: put, get and the firmware version, with progress and cancellation.
 * What the protocol lacks (list, delete, make directory) goes through the REPL on the same connection.
 *
 * <pre>{@code
 * try (Board board = Board.open("ws://192.168.4.1:8266", WebRepl.password("s3cret"))) {
 *     WebReplFiles files = WebRepl.files(board);           // progress and cancel follow the board
 *     files.put(Path.of("main.py"), "/main.py");
 *     files.get("/main.py", Path.of("copy.py"));
 *     MicroPythonVersion v = files.version();               // 1.24.1
 *     files.ls("/");                                        // through the REPL
 * }
 * }</pre>
 *
 * <p>Limits of the protocol: names are at most 63 bytes of UTF-8 (longer names fail with
 * {@link WebReplFileException} before anything is sent); sizes below 4 GiB; one operation at a time per
 * connection. The board reports errors (a missing file, a missing directory, a full disk) by dropping
 * the connection, which surfaces here as {@link WebReplFileException}; the connection is then gone and
 * must be reopened. A cancelled transfer also closes the connection, because the protocol cannot abort
 * one. A failed or cancelled get leaves no partial local file.
 */
public final class WebReplFiles {
    /** Bytes per binary frame of a put (what webrepl_cli and the browser client send). */
    public static final int PUT_CHUNK = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebReplFiles.class);
    private static final byte[] NEXT_CHUNK = {0};

    private final WebReplTransport transport;
    private final ProgressListener progress;
    private final Supplier<Cancellation> cancellation;
    private final Supplier<BoardFiles> replFiles;

    WebReplFiles(WebReplTransport transport) {
        this(transport, () -> ProgressListener.NONE, Cancellation::new,
                () -> org.mpysdk.core.repl.Repl.over(transport).files());
    }

    private WebReplFiles(WebReplTransport transport, ProgressListener progress, Supplier<Cancellation> cancellation,
                         Supplier<BoardFiles> replFiles) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.replFiles = Objects.requireNonNull(replFiles, "replFiles");
    }

    WebReplFiles(WebReplTransport transport, Supplier<ProgressListener> progress, Supplier<Cancellation> cancellation,
                 Supplier<BoardFiles> replFiles) {
        this(transport, new ProgressListener() {
            @Override
            public void onProgress(Progress p) {
                progress.get().onProgress(p);
            }
        }, cancellation, replFiles);
    }

    /**
     * @param listener receives {@code put} and {@code get} progress; null for none
     * @return a copy that reports progress to {@code listener}
     */
    public WebReplFiles withProgress(ProgressListener listener) {
        return new WebReplFiles(transport, listener == null ? ProgressListener.NONE : listener, cancellation, replFiles);
    }

    /**
     * @param token the cancellation to observe from now on, instead of the board's
     * @return a copy whose operations stop when {@code token} is cancelled
     * @throws NullPointerException when {@code token} is null
     */
    public WebReplFiles withCancellation(Cancellation token) {
        Objects.requireNonNull(token, "token");
        return new WebReplFiles(transport, progress, () -> token, replFiles);
    }

    /**
     * @return the MicroPython version the board reports
     * @throws WebReplFileException when the board drops the connection instead
     */
    public MicroPythonVersion version() throws IOException {
        return operation("version request", step -> {
            transport.sendBinary(FileRequest.version().encode(), 0, FileRequest.LENGTH, replyDeadline());
            return FileReply.version(transport.readBinary(3, replyDeadline(), "the board's version"));
        });
    }

    /**
     * Copies a local file to {@code remote}; see {@link #put(InputStream, long, String)}.
     *
     * @param local the host file to send
     * @param remote the board path to write, e.g. {@code "/main.py"}
     * @throws WebReplFileException when the name does not fit (over 63 bytes), or the board refuses or
     *     drops the connection (for example the directory does not exist)
     * @throws OperationCancelledException when cancelled; the connection is closed and the remote file is partial
     * @throws IOException when the host file cannot be read or the connection fails
     */
    public void put(Path local, String remote) throws IOException {
        long size = Files.size(local);
        try (InputStream in = Files.newInputStream(local)) {
            put(in, size, remote);
        }
    }

    /**
     * Writes {@code data} to {@code remote}; see {@link #put(InputStream, long, String)}.
     *
     * @param data the whole new content
     * @param remote the board path to write
     * @throws WebReplFileException when the name does not fit (over 63 bytes), or the board refuses or
     *     drops the connection (for example the directory does not exist)
     * @throws OperationCancelledException when cancelled; the connection is closed and the remote file is partial
     * @throws IOException when the connection fails
     */
    public void put(byte[] data, String remote) throws IOException {
        put(new ByteArrayInputStream(data), data.length, remote);
    }

    /**
     * Writes {@code size} bytes from {@code in} to the file {@code remote} on the board, replacing it.
     * Reports progress {@code ("put", remote, sent, size)}.
     *
     * @param in the data; exactly {@code size} bytes are read from it, it is not closed
     * @param size how many bytes to send, announced to the board up front
     * @param remote the board path to write
     * @throws WebReplFileException when the name does not fit (over 63 bytes), or the board refuses or
     *     drops the connection (for example the directory does not exist)
     * @throws OperationCancelledException when cancelled; the connection is closed and the remote file is partial
     */
    public void put(InputStream in, long size, String remote) throws IOException {
        FileRequest request = FileRequest.put(remote, size);
        operation("put of '" + remote + "'", step -> {
            transport.sendBinary(request.encode(), 0, FileRequest.LENGTH, replyDeadline());
            expectOk(transport.readBinary(FileReply.STATUS_LENGTH, replyDeadline(), "the answer to the put request"),
                    "put request for '" + remote + "'");
            step.opened = true;
            progress.onProgress(new Progress("put", remote, 0, size));
            byte[] buf = new byte[PUT_CHUNK];
            while (step.bytes < size) {
                checkCancelled(step, "put of '" + remote + "' after " + step.bytes + " of " + size + " bytes"
                        + " (the remote file is incomplete: put it again or delete it)");
                int n = in.readNBytes(buf, 0, PutFraming.nextFrame(size - step.bytes, buf.length));
                if (n <= 0) {
                    transport.close();
                    throw new WebReplFileException("the local data for '" + remote + "' ended after " + step.bytes + " of "
                            + size + " bytes; the connection was closed because the board still expected the rest");
                }
                transport.sendBinary(buf, 0, n, replyDeadline());
                step.bytes += n;
                progress.onProgress(new Progress("put", remote, step.bytes, size));
            }
            expectOk(transport.readBinary(FileReply.STATUS_LENGTH, replyDeadline(), "the board's confirmation of the put"),
                    "put of '" + remote + "'");
            return null;
        });
    }

    /**
     * Copies {@code remote} to the local file {@code local}, replacing it. The bytes go to a temporary
     * file beside it that is moved into place at the end, so a failed or cancelled copy leaves
     * {@code local} as it was and no partial file behind.
     *
     * @param remote the board file to copy
     * @param local the host file to create or replace; its folder must exist
     * @throws WebReplFileException when the board drops the connection (a missing file does that)
     * @throws OperationCancelledException when cancelled; the connection is closed
     * @throws IOException when the host file cannot be written or the connection fails
     */
    public void get(String remote, Path local) throws IOException {
        LocalFiles.writeAtomically(local, out -> get(remote, out));
    }

    /**
     * @param remote the board file to read
     * @return the content of {@code remote}; see {@link #get(String, OutputStream)}
     * @throws WebReplFileException when the board drops the connection (a missing file does that)
     * @throws OperationCancelledException when cancelled; the connection is closed
     * @throws IOException when the connection fails
     */
    public byte[] get(String remote) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        get(remote, out);
        return out.toByteArray();
    }

    /**
     * Streams the file {@code remote} into {@code out}. The protocol does not announce the size, so
     * progress events {@code ("get", remote, received, -1)} have no total.
     *
     * @param remote the board file to read
     * @param out receives the bytes as they arrive; not closed
     * @return the number of bytes received
     * @throws WebReplFileException when the board drops the connection (a missing file does that)
     * @throws OperationCancelledException when cancelled; the connection is closed
     */
    public long get(String remote, OutputStream out) throws IOException {
        FileRequest request = FileRequest.get(remote);
        boolean[] answered = {false};
        try {
            return get(remote, request, out, answered);
        } catch (WebReplFileException e) {
            if (answered[0] || !(e.getCause() instanceof TransportClosedException)) {
                throw e;
            }
            throw unopenable(remote, e);
        }
    }

    private long get(String remote, FileRequest request, OutputStream out, boolean[] answered) throws IOException {
        return operation("get of '" + remote + "'", step -> {
            transport.sendBinary(request.encode(), 0, FileRequest.LENGTH, replyDeadline());
            expectOk(transport.readBinary(FileReply.STATUS_LENGTH, replyDeadline(), "the answer to the get request"),
                    "get request for '" + remote + "'");
            step.opened = true;
            answered[0] = true;
            progress.onProgress(new Progress("get", remote, 0, -1));
            while (true) {
                checkCancelled(step, "get of '" + remote + "' after " + step.bytes + " bytes");
                transport.sendBinary(NEXT_CHUNK, 0, 1, replyDeadline());
                int n = FileReply.chunkLength(transport.readBinary(FileReply.CHUNK_HEADER_LENGTH, replyDeadline(),
                        "the next chunk of '" + remote + "'"));
                if (n == 0) {
                    break;
                }
                out.write(transport.readBinary(n, replyDeadline(), "a chunk of '" + remote + "'"));
                step.bytes += n;
                progress.onProgress(new Progress("get", remote, step.bytes, -1));
            }
            expectOk(transport.readBinary(FileReply.STATUS_LENGTH, replyDeadline(), "the board's end of the get"),
                    "get of '" + remote + "'");
            progress.onProgress(new Progress("get", remote, step.bytes, step.bytes));
            return step.bytes;
        });
    }

    /**
     * Copies a host file to the board by the file protocol and proves the copy over the REPL: the board's
     * size and SHA-256 of its file (size alone where the firmware has no hashlib) must match the host
     * file's. A copy that does not match is sent once more. A name the protocol cannot carry (over 63
     * bytes) goes through the REPL's own verified put instead.
     *
     * @param local the host file
     * @param remote the board path to write
     * @throws TransferVerificationException when the board's file differs twice in a row
     * @throws WebReplFileException when the board drops the connection (a missing folder does that)
     * @throws IOException when the host file cannot be read or the connection fails
     */
    public void putVerified(Path local, String remote) throws IOException {
        if (!fitsProtocol(remote)) {
            replFiles.get().put(local, remote);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            put(local, remote);
            if (replFiles.get().verify(local, remote)) {
                return;
            }
            if (attempt >= 2) {
                throw new TransferVerificationException("the board's copy of " + local + " at " + remote + " differs from the"
                        + " host file after two puts over WebREPL (size or SHA-256 checked over the REPL)");
            }
            LOG.debug("{} differs after a put over WebREPL; sending it again", remote);
        }
    }

    /**
     * Copies a board file to the host by the file protocol and proves the copy over the REPL (size and
     * SHA-256, or size alone without hashlib), reading it once more when it does not match. The bytes go
     * to a temporary file beside {@code local}, which replaces {@code local} only when proven: a failed,
     * damaged or cancelled copy leaves {@code local} as it was.
     *
     * @param remote the board file
     * @param local the host file to create or replace; missing parent folders are created
     * @throws org.mpysdk.core.repl.RemoteFileNotFoundException when the board has no such file
     * @throws TransferVerificationException when the copy differs twice in a row
     * @throws IOException when the host file cannot be written or the connection fails
     */
    public void getVerified(String remote, Path local) throws IOException {
        if (!fitsProtocol(remote)) {
            replFiles.get().get(remote, local);
            return;
        }
        Path target = local.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            for (int attempt = 1; ; attempt++) {
                try (OutputStream out = Files.newOutputStream(part)) {
                    get(remote, out);
                }
                if (replFiles.get().verify(part, remote)) {
                    LocalFiles.moveAtomically(part, target);
                    return;
                }
                if (attempt >= 2) {
                    throw new TransferVerificationException("the copy of " + remote + " differs from the board's file"
                            + " after two gets over WebREPL (size or SHA-256 checked over the REPL); " + local + " is unchanged");
                }
                LOG.debug("{} arrived different from the board's file; reading it again", remote);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Copies a host folder tree to the board: each file the board does not already have (same size and
     * SHA-256, see {@link BoardFiles#isUnchanged}) goes by {@link #putVerified}; folders are made through
     * the REPL.
     *
     * @param localDir the host folder whose files to copy
     * @param remoteDir the board folder to copy into
     * @param force copy every file without comparing
     * @return which board files were copied and which were already up to date, and the bytes sent
     * @throws IOException as {@link #putVerified} and {@link BoardFiles#mkdir}
     */
    public SyncReport putTree(Path localDir, String remoteDir, boolean force) throws IOException {
        BoardFiles repl = replFiles.get();
        boolean byHash = repl.features().hashlib() != null;
        List<String> copied = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> made = new HashSet<>();
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(localDir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        String base = remoteDir.endsWith("/") ? remoteDir : remoteDir + "/";
        for (Path p : files) {
            cancellation.get().throwIfCancelled("putTree " + localDir + " (" + copied.size() + " files copied, each complete)");
            String remote = base + localDir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
            if (!force && repl.isUnchanged(p, remote)) {
                unchanged.add(remote);
                continue;
            }
            String parent = remote.substring(0, remote.lastIndexOf('/'));
            if (!parent.isEmpty() && made.add(parent)) {
                repl.mkdir(parent);
            }
            putVerified(p, remote);
            copied.add(remote);
            bytes += Files.size(p);
        }
        return new SyncReport(copied, unchanged, bytes, force ? "none" : byHash ? "sha256" : "size");
    }

    private static boolean fitsProtocol(String remote) {
        try {
            FileRequest.nameBytes(remote);
            return true;
        } catch (WebReplFileException e) {
            return false;
        }
    }

    /**
     * Lists a directory through the REPL (the binary protocol has no listing).
     *
     * @param dir the board folder, e.g. {@code "/"}
     * @return its entries
     * @throws IOException as {@link BoardFiles#ls(String)}
     */
    public List<RemoteFile> ls(String dir) throws IOException {
        return replFiles.get().ls(dir);
    }

    /**
     * Deletes a file through the REPL (the binary protocol cannot delete).
     *
     * @param path the board file to remove
     * @throws IOException as {@link BoardFiles#rm(String)}
     */
    public void rm(String path) throws IOException {
        replFiles.get().rm(path);
    }

    /**
     * Makes a directory through the REPL (the binary protocol cannot).
     *
     * @param dir the board folder to create, with missing parents
     * @throws IOException as {@link BoardFiles#mkdir(String)}
     */
    public void mkdir(String dir) throws IOException {
        replFiles.get().mkdir(dir);
    }

    /** @return the REPL-based file operations on the same connection (exists, stat, rename, trees, ...) */
    public BoardFiles viaRepl() {
        return replFiles.get();
    }

    // ---- plumbing ----

    /** How far an operation got, for messages, and the cancellation token it observes. */
    private static final class Step {
        final Cancellation cancel;
        final boolean fileOp;
        boolean opened;
        long bytes;

        Step(Cancellation cancel, boolean fileOp) {
            this.cancel = cancel;
            this.fileOp = fileOp;
        }
    }

    @FunctionalInterface
    private interface Body<T> {
        T run(Step step) throws IOException;
    }

    private Deadline replyDeadline() {
        return Deadline.after(transport.timeouts().reply());
    }

    private <T> T operation(String what, Body<T> body) throws IOException {
        boolean locked;
        try {
            locked = transport.fileLock().tryLock(transport.timeouts().reply().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException(what + " (interrupted while waiting for the running transfer)");
        }
        if (!locked) {
            throw new WebReplFileException(what + ": another file transfer is still running on " + transport.name()
                    + "; the WebREPL protocol serves one at a time");
        }
        // One token for the whole operation: Board.cancel() swaps the board's token for a fresh one.
        Step step = new Step(cancellation.get(), !what.startsWith("version"));
        try {
            transport.checkLive();
            transport.awaitReplSettled();
            step.cancel.throwIfCancelled(what);
            long stale = transport.discardBinary();
            if (stale > 0) {
                LOG.warn("{}: dropped {} bytes of binary data left over from an earlier transfer", transport.name(), stale);
            }
            return body.run(step);
        } catch (TransportClosedException e) {
            if (!transport.wasLiveAtStart(e)) {
                throw e;
            }
            // The board ends the session on any file error; the next call (REPL or file) reconnects.
            transport.sessionEndedByFileOperation();
            throw dropped(what, step, e);
        } finally {
            transport.fileLock().unlock();
        }
    }

    /**
     * A get whose request the board answered by dropping the connection: the board could not open the
     * file. Asks the REPL (on a new session) whether it exists, so that a missing file is reported as
     * such.
     *
     * @throws org.mpysdk.core.repl.RemoteFileNotFoundException when the board has no such file
     */
    private WebReplFileException unopenable(String remote, WebReplFileException dropped) throws IOException {
        RemoteFile found;
        try {
            found = replFiles.get().stat(remote);
        } catch (org.mpysdk.core.repl.RemoteFileNotFoundException e) {
            e.addSuppressed(dropped);
            throw e;
        } catch (IOException e) {
            // No REPL answer either (not a MicroPython REPL, or the board is gone): say what is known.
            dropped.addSuppressed(e);
            return dropped;
        }
        return new WebReplFileException("get of '" + remote + "' failed on " + transport.name() + ": the board could not"
                + " open it although it exists (" + (found.directory() ? "it is a folder" : found.size() + " bytes")
                + "); WebREPL reports that by dropping the connection (reconnected since)", dropped);
    }

    private WebReplFileException dropped(String what, Step step, TransportClosedException e) {
        String hint = step.opened || !step.fileOp
                ? "the connection was lost after " + step.bytes + " bytes; reconnect and try again"
                : "the board could not open the file: WebREPL reports that (a missing file or directory, a full"
                        + " or read-only file system) by dropping the connection. Check the path, for example with"
                        + " files.ls(dir), then reconnect";
        return new WebReplFileException(what + " failed on " + transport.name() + ": " + hint + " (" + e.getMessage() + ")", e);
    }

    private void checkCancelled(Step step, String what) throws IOException {
        if (step.cancel.isCancelled()) {
            // The protocol has no abort: the board would take whatever comes next as file data.
            transport.close();
            throw new OperationCancelledException(what + " was cancelled; the WebREPL connection was closed because the"
                    + " protocol cannot abort a transfer");
        }
    }

    private static void expectOk(byte[] reply, String what) throws WebReplProtocolException, WebReplFileException {
        int status = FileReply.status(reply);
        if (status != 0) {
            throw new WebReplFileException("the board answered the " + what + " with status " + status + " (0 means ok)");
        }
    }
}
