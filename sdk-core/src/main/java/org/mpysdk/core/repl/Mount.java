package org.mpysdk.core.repl;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A host folder mounted on the board (mpremote's {@code mount}): while it is open, code the REPL runs
 * imports and opens files from the folder over the same link, at {@link MountOptions#mountPoint()}
 * (the board's working directory). Every request and answer is checked with a CRC-32 and sent again
 * when damaged, so a lossy link slows a mounted import down but never changes what it reads or writes.
 *
 * <pre>{@code
 * try (Mount m = board.repl().mount(Path.of("app"))) {
 *     board.repl().exec("import main");          // app/main.py, run on the board
 * }
 * }</pre>
 *
 * <p>The folder is served only while the REPL runs code (requests arrive in its output). A soft reset
 * drops the board's side; the next exec mounts it again. Closing unmounts it and closes the files the
 * board left open.
 */
public final class Mount implements AutoCloseable {
    private final Repl repl;
    private final Path folder;
    private final MountOptions options;
    private final FolderServer server;
    private final MountDemux demux;
    private boolean lost;
    private boolean closed;

    Mount(Repl repl, Path folder, MountOptions options, FolderServer server, MountDemux demux) {
        this.repl = repl;
        this.folder = folder;
        this.options = options;
        this.server = server;
        this.demux = demux;
    }

    /** @return the host folder */
    public Path folder() {
        return folder;
    }

    /** @return where it appears on the board */
    public String mountPoint() {
        return options.mountPoint();
    }

    /** @return the options it was mounted with */
    public MountOptions options() {
        return options;
    }

    /** @return how many of the board's file requests were carried out (repeats of a damaged answer not counted) */
    public long requestsServed() {
        return server.served();
    }

    /** @return whether it is closed */
    public boolean isClosed() {
        return closed;
    }

    /**
     * For a terminal that reads the board's link itself (a friendly REPL session, as {@code mpy mount}
     * opens): answers the folder's requests among the bytes read and returns the rest, the board's own
     * output. Everything read from the link while the folder is mounted must pass through here.
     *
     * <pre>{@code
     * int n = board.transport().read(buf, 0, buf.length, Duration.ofMillis(100));
     * if (n > 0) {
     *     System.out.write(mount.serve(buf, 0, n));
     * } else {
     *     mount.idle();
     * }
     * }</pre>
     *
     * @param in bytes read from the board
     * @param off where they start
     * @param len how many
     * @return the board's own output among them
     * @throws IOException when an answer cannot be written to the link
     */
    public byte[] serve(byte[] in, int off, int len) throws IOException {
        return demux.filter(in, off, len);
    }

    /**
     * For a terminal that reads the link itself: call when a read found nothing, so that an answer the
     * board did not get whole is completed (see {@link #serve}).
     *
     * @throws IOException when the link fails
     */
    public void idle() throws IOException {
        demux.quiet();
    }

    /**
     * Sends the board's side again and mounts it, now: for a terminal of your own after the board
     * soft-reset (an exec through the REPL remounts by itself). Enters the raw REPL; call
     * {@link Repl#leave()} afterwards to get back to the friendly prompt.
     *
     * @throws IOException when the board does not answer
     */
    public void remount() throws IOException {
        repl.remount(this);
    }

    FolderServer server() {
        return server;
    }

    /** The board's side is gone (a soft reset): mount it again before the next exec. */
    void markLost() {
        lost = true;
    }

    boolean lost() {
        return lost;
    }

    void remounted() {
        lost = false;
    }

    /**
     * Unmounts the folder from the board ({@code os.umount}) and closes the files the board left open.
     * When the board cannot be reached, the host side is closed anyway and the error is thrown.
     *
     * @throws IOException when the unmount exec fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        repl.unmount(this);
    }

    @Override
    public String toString() {
        return "Mount[" + folder + " at " + options.mountPoint() + "]";
    }
}
