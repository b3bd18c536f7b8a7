package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.normal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mpysdk.core.internal.LocalFiles;

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
 *
 * <p>This class is the one entry point; each job has its own class behind it: {@link RemoteListing}
 * (ls, stat), {@link RemoteChanges} (mkdir, rm, rename), {@link VerifiedDownload} (reading),
 * {@link SafePut} (writing), {@link TreeCopy} (folders both ways), {@link BoardFingerprints} (what
 * a copy can skip), {@link RemoteSpace} (df) and {@link RemoteHash} (sha256).
 */
public final class BoardFiles {

    private final Repl repl;
    private final RemoteListing listing;
    private final RemoteChanges changes;
    private final SafePut safePut;
    private final VerifiedDownload download;
    private final BoardFingerprints fingerprints;
    private final TreeCopy trees;
    private final RemoteSpace space;
    private final RemoteHash hashes;

    BoardFiles(Repl repl) {
        this.repl = repl;
        this.listing = new RemoteListing(repl);
        this.changes = new RemoteChanges(repl);
        this.safePut = new SafePut(repl);
        this.download = new VerifiedDownload(repl);
        this.fingerprints = new BoardFingerprints(repl);
        this.trees = new TreeCopy(repl, this, fingerprints);
        this.space = new RemoteSpace(repl);
        this.hashes = new RemoteHash(repl, download);
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
        return listing.ls(dir);
    }

    /**
     * @param path a board path, e.g. {@code "/main.py"}
     * @return the file or folder at {@code path}
     * @throws RemoteFileNotFoundException when there is none
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public RemoteFile stat(String path) throws IOException {
        return listing.stat(path);
    }

    /**
     * @param path a board path
     * @return whether a file or folder exists at {@code path}
     * @throws IOException when the REPL fails (a missing file is not a failure)
     */
    public boolean exists(String path) throws IOException {
        return listing.exists(path);
    }

    /**
     * Lists a folder and everything under it (mpremote's {@code fs tree}), in one exec: each folder is
     * followed by its contents, names sorted at every level. On a flat filesystem only {@code "/"}
     * can be listed and the answer is its files, sorted.
     *
     * <pre>{@code
     * for (RemoteFile f : fs.tree("/lib")) System.out.println(f.path());  // /lib/a.py, /lib/drivers, /lib/drivers/x.py
     * }</pre>
     *
     * @param dir the board folder, e.g. {@code "/"}; not itself in the answer
     * @return its entries at every depth with full path, name, size (0 for folders) and kind
     * @throws RemoteFileNotFoundException when the folder does not exist
     * @throws BoardCodeException when {@code dir} is a file (OSError ENOTDIR)
     * @throws UnsupportedRemoteOperationException for a folder other than the root on a flat filesystem
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public List<RemoteFile> tree(String dir) throws IOException {
        return repl.pinning(() -> listing.tree(dir));
    }

    /**
     * Size, used and free space of the filesystem that holds {@code path}, from {@code os.statvfs}
     * (mpremote's {@code df}).
     *
     * @param path a board path on the filesystem to measure, usually {@code "/"}
     * @return the filesystem's block size, size, used and free bytes
     * @throws RemoteFileNotFoundException when {@code path} does not exist
     * @throws UnsupportedRemoteOperationException when the firmware has no {@code os.statvfs} (the
     *     micro:bit)
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public DiskUsage df(String path) throws IOException {
        return repl.pinning(() -> space.df(path));
    }

    /**
     * The SHA-256 of a board file (mpremote's {@code sha256sum}). Where the firmware has hashlib the
     * board computes it in one exec and only the 32-byte digest travels. Without hashlib (the micro:bit)
     * the file is read as by {@link #cat} (verified by CRC-16, read once more when damaged) and hashed
     * on the host as it arrives: the same answer, but the whole file crosses the line.
     *
     * @param path the board file
     * @return the digest as 64 lower-case hex digits, as {@code sha256sum} prints it
     * @throws RemoteFileNotFoundException when the file does not exist
     * @throws TransferVerificationException without hashlib, when the file arrived damaged twice
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board (a
     *     folder is an OSError)
     */
    public String sha256(String path) throws IOException {
        return repl.pinning(() -> hashes.sha256(normal(path, features())));
    }

    // ---------------------------------------------------------------- changing

    /**
     * Creates an empty file when none is at {@code path} (mpremote's {@code touch}); an existing file is
     * left exactly as it was, never truncated. Unlike Unix {@code touch} the modification time is not
     * changed: MicroPython has no call to set it. Works on the micro:bit's flat filesystem too.
     *
     * @param path the board file, e.g. {@code "/data.csv"}; its folder must exist
     * @return whether the file was created (false when it already existed, or for the root)
     * @throws RemoteFileNotFoundException when the folder it would go in does not exist
     * @throws IOException when the REPL fails or the board cannot create it (a {@link BoardCodeException}
     *     with OSError, e.g. a folder is at {@code path} or no space is left)
     */
    public boolean touch(String path) throws IOException {
        return repl.pinning(() -> changes.touch(path));
    }

    /**
     * Creates a folder and its missing parents; does nothing when it exists.
     *
     * @param dir the board folder to create, e.g. {@code "/lib/drivers"}
     * @throws UnsupportedRemoteOperationException on a flat filesystem (except for the root)
     * @throws BoardCodeException when a file is in the way
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public void mkdir(String dir) throws IOException {
        changes.mkdir(dir);
    }

    /**
     * Removes a file.
     *
     * @param path the board file to remove
     * @throws RemoteFileNotFoundException when it does not exist
     * @throws IOException when the REPL fails: timeout, lost link, or another error on the board
     */
    public void rm(String path) throws IOException {
        changes.rm(path);
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
        changes.rmdir(dir);
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
        changes.rename(from, to);
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
        return VerifiedDownload.againIfDamaged(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            read(path, out, "cat");
            return out.toByteArray();
        });
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
        VerifiedDownload.againIfDamaged(() -> {
            LocalFiles.writeAtomically(local, out -> read(remote, out, "get"));
            return local;
        });
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
        return trees.getTree(remoteDir, localDir);
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
     *     write (a {@link BoardCodeException} with OSError, e.g. no space left)
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
     * @throws IOException when the REPL fails or the board cannot write (a {@link BoardCodeException}
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
            BoardFingerprints.Fingerprint remoteFp = fingerprints.of(List.of(p)).get(p);
            return remoteFp != null && remoteFp.equals(BoardFingerprints.Fingerprint.of(local, features().hashlib() != null));
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
        return repl.pinning(() -> trees.putTree(localDir, remoteDir, force));
    }



}
