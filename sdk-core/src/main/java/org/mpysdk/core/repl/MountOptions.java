package org.mpysdk.core.repl;

/**
 * How a host folder is mounted on the board (see {@link Repl#mount(java.nio.file.Path, MountOptions)}).
 * Start from {@link #defaults()} and change what you need.
 *
 * <pre>{@code
 * MountOptions o = MountOptions.defaults().withMountPoint("/app").withReadOnly(true);
 * }</pre>
 *
 * @param mountPoint where the folder appears on the board (absolute, one segment); the board's working
 *     directory moves there, so {@code import} finds the folder's modules
 * @param readOnly whether the board may only read (writes fail with {@code OSError: EROFS})
 * @param followLinksOutside whether symbolic links that lead out of the folder are followed (mpremote's
 *     {@code --unsafe-links}); refused with {@code EPERM} by default
 * @param chunk the most file bytes in one request, 128 to 4096; the board halves its own after a
 *     damaged answer, down to 128
 */
public record MountOptions(String mountPoint, boolean readOnly, boolean followLinksOutside, int chunk) {

    // Throws IllegalArgumentException for a mount point that is not "/" plus one plain segment, or a
    // chunk outside 128..4096 (the record's Javadoc says so too).
    public MountOptions {
        if (mountPoint == null || !mountPoint.matches("/[A-Za-z0-9_.-]+") || mountPoint.equals("/.") || mountPoint.equals("/..")) {
            throw new IllegalArgumentException("the mount point must be '/' and one name of letters, digits, '_', '.' or '-', was "
                    + mountPoint);
        }
        if (chunk < 128 || chunk > 4096) {
            throw new IllegalArgumentException("chunk must be 128 to 4096 bytes, was " + chunk);
        }
    }

    /** @return mounted at {@code /remote} (as mpremote), read and write, links kept inside, 1024-byte chunks */
    public static MountOptions defaults() {
        return new MountOptions("/remote", false, false, 1024);
    }

    /**
     * @param at the mount point, such as {@code /remote}
     * @return these options mounted there
     */
    public MountOptions withMountPoint(String at) {
        return new MountOptions(at, readOnly, followLinksOutside, chunk);
    }

    /**
     * @param on whether the board may only read
     * @return these options with that
     */
    public MountOptions withReadOnly(boolean on) {
        return new MountOptions(mountPoint, on, followLinksOutside, chunk);
    }

    /**
     * @param on whether links that leave the folder are followed
     * @return these options with that
     */
    public MountOptions withFollowLinksOutside(boolean on) {
        return new MountOptions(mountPoint, readOnly, on, chunk);
    }

    /**
     * @param bytes the most file bytes per request
     * @return these options with that
     */
    public MountOptions withChunk(int bytes) {
        return new MountOptions(mountPoint, readOnly, followLinksOutside, bytes);
    }
}
