package org.mpysdk.testkit.micropython;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The flash file system of a virtual MicroPython board, held in memory: what {@code os.listdir},
 * {@code open}, {@code os.remove}, {@code os.rename}, {@code os.stat} and {@code os.statvfs} see on
 * the board. It survives soft resets of the board (like flash) and is gone when the board is closed.
 *
 * <p>Tests may seed and inspect it from Java while the board is idle:
 *
 * <pre>{@code
 * MemoryFileSystem fs = ((MicroPythonTransport) board.transport()).fileSystem();
 * fs.writeFile("/main.py", "print('hi')".getBytes(UTF_8));
 * }</pre>
 *
 * <p>Thread safety: every method is synchronized; the board's own calls come from its thread.
 */
public final class MemoryFileSystem {
    /** Block size reported by {@code os.statvfs}, and the unit in which space is counted. */
    public static final int BLOCK_SIZE = 4096;
    static final int MAX_NAME = 255;
    static final int MAX_PATH = 4096;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;

    private final Clock clock;
    private final long capacityBlocks;
    private final Dir root;
    private long usedBlocks;
    private int nextIno = 1;

    /**
     * @param capacityBytes the size of the board's file system (for example 2 MiB, as on an ESP32 with 4 MB flash)
     * @param clock the clock file times are taken from
     */
    public MemoryFileSystem(long capacityBytes, Clock clock) {
        if (capacityBytes < BLOCK_SIZE) {
            throw new IllegalArgumentException("file system capacity must be at least " + BLOCK_SIZE + " bytes");
        }
        this.clock = clock;
        this.capacityBlocks = capacityBytes / BLOCK_SIZE;
        this.root = new Dir(nextIno++, now(), null);
    }

    /** A node of the tree: a directory or a regular file. */
    abstract static sealed class Node permits Dir, FileData {
        final int ino;
        long mtimeMillis;
        long ctimeMillis;
        Dir parent;

        Node(int ino, long now, Dir parent) {
            this.ino = ino;
            this.mtimeMillis = now;
            this.ctimeMillis = now;
            this.parent = parent;
        }

        abstract int mode();

        abstract long size();
    }

    /** A directory: its entries by name, sorted. */
    static final class Dir extends Node {
        final TreeMap<String, Node> children = new TreeMap<>();

        Dir(int ino, long now, Dir parent) {
            super(ino, now, parent);
        }

        @Override
        int mode() {
            return S_IFDIR | 0755;
        }

        @Override
        long size() {
            return 0;
        }
    }

    /** A regular file: its bytes. */
    static final class FileData extends Node {
        byte[] data = new byte[0];
        int size;

        FileData(int ino, long now, Dir parent) {
            super(ino, now, parent);
        }

        @Override
        int mode() {
            return S_IFREG | 0644;
        }

        @Override
        long size() {
            return size;
        }
    }

    /** A parsed absolute path: its directory and the last name (empty for the root). */
    record Location(Dir dir, String name) {
    }

    // ---- public API for tests --------------------------------------------------------------

    /**
     * Creates or replaces a file, creating missing parent directories.
     *
     * @param path an absolute path such as {@code /lib/util.py}
     * @param content the whole new content
     * @throws VirtualFileSystemException when a parent is a file, or the file system is full
     */
    public synchronized void writeFile(String path, byte[] content) throws VirtualFileSystemException {
        try {
            List<String> parts = PathNames.split(path, "/");
            StringBuilder sofar = new StringBuilder();
            for (int i = 0; i < parts.size() - 1; i++) {
                sofar.append('/').append(parts.get(i));
                if (!(find(sofar.toString()) instanceof Dir)) {
                    mkdir(sofar.toString());
                }
            }
            FileData file = open(path, true, false, true);
            write(file, 0, content, 0, content.length);
        } catch (ErrnoException e) {
            throw new VirtualFileSystemException("cannot write " + path + " on the virtual board: " + e.getMessage());
        }
    }

    /**
     * Reads a whole file.
     *
     * @param path an absolute path such as {@code /main.py}
     * @return the content of the file
     * @throws VirtualFileSystemException when it does not exist or is a directory
     */
    public synchronized byte[] readFile(String path) throws VirtualFileSystemException {
        try {
            Node node = lookup(PathNames.normalize(path, "/"));
            if (!(node instanceof FileData file)) {
                throw new VirtualFileSystemException(path + " is a directory on the virtual board");
            }
            return Arrays.copyOf(file.data, file.size);
        } catch (ErrnoException e) {
            throw new VirtualFileSystemException("cannot read " + path + " on the virtual board: " + e.getMessage());
        }
    }

    /**
     * Lists a directory.
     *
     * @param path an absolute path such as {@code /lib}
     * @return the names in the directory, sorted
     * @throws VirtualFileSystemException when it does not exist or is a file
     */
    public synchronized List<String> list(String path) throws VirtualFileSystemException {
        try {
            return entries(directory(PathNames.normalize(path, "/")));
        } catch (ErrnoException e) {
            throw new VirtualFileSystemException("cannot list " + path + " on the virtual board: " + e.getMessage());
        }
    }

    /**
     * Tells whether something is at a path.
     *
     * @param path an absolute path
     * @return whether a file or directory exists at the path
     */
    public synchronized boolean exists(String path) {
        try {
            return find(PathNames.normalize(path, "/")) != null;
        } catch (ErrnoException e) {
            return false;
        }
    }

    /** @return bytes still free, in whole blocks */
    public synchronized long freeBytes() {
        return (capacityBlocks - usedBlocks) * BLOCK_SIZE;
    }

    // ---- the board's system calls (absolute, normalized paths) --------------------------------

    synchronized Node lookup(String path) throws ErrnoException {
        Node node = find(path);
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT, path);
        }
        return node;
    }

    synchronized Dir directory(String path) throws ErrnoException {
        if (lookup(path) instanceof Dir dir) {
            return dir;
        }
        throw new ErrnoException(Errno.ENOTDIR, path);
    }

    /** @return the node at the path, or null when the last name is missing */
    private Node find(String path) throws ErrnoException {
        Node node = root;
        for (String part : PathNames.split(path, "/")) {
            if (!(node instanceof Dir dir)) {
                throw new ErrnoException(Errno.ENOTDIR, path);
            }
            node = dir.children.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private Location locate(String path) throws ErrnoException {
        List<String> parts = PathNames.split(path, "/");
        if (parts.isEmpty()) {
            return new Location(null, "");
        }
        Dir dir = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            Node next = dir.children.get(parts.get(i));
            if (next == null) {
                throw new ErrnoException(Errno.ENOENT, path);
            }
            if (!(next instanceof Dir d)) {
                throw new ErrnoException(Errno.ENOTDIR, path);
            }
            dir = d;
        }
        return new Location(dir, parts.get(parts.size() - 1));
    }

    synchronized FileData open(String path, boolean create, boolean exclusive, boolean truncate) throws ErrnoException {
        Location at = locate(path);
        if (at.dir() == null) {
            throw new ErrnoException(Errno.EISDIR, path);
        }
        Node node = at.dir().children.get(at.name());
        if (node != null && create && exclusive) {
            throw new ErrnoException(Errno.EEXIST, path);
        }
        if (node == null) {
            if (!create) {
                throw new ErrnoException(Errno.ENOENT, path);
            }
            FileData file = new FileData(nextIno++, now(), at.dir());
            at.dir().children.put(at.name(), file);
            touch(at.dir());
            return file;
        }
        if (!(node instanceof FileData file)) {
            throw new ErrnoException(Errno.EISDIR, path);
        }
        if (truncate && file.size > 0) {
            resize(file, 0);
            touch(file);
        }
        return file;
    }

    synchronized void mkdir(String path) throws ErrnoException {
        Location at = locate(path);
        if (at.dir() == null || at.dir().children.containsKey(at.name())) {
            throw new ErrnoException(Errno.EEXIST, path);
        }
        at.dir().children.put(at.name(), new Dir(nextIno++, now(), at.dir()));
        touch(at.dir());
    }

    synchronized void rmdir(String path) throws ErrnoException {
        Location at = locate(path);
        if (at.dir() == null) {
            throw new ErrnoException(Errno.EPERM, "the root cannot be removed");
        }
        Node node = at.dir().children.get(at.name());
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT, path);
        }
        if (!(node instanceof Dir dir)) {
            throw new ErrnoException(Errno.ENOTDIR, path);
        }
        if (!dir.children.isEmpty()) {
            throw new ErrnoException(Errno.ENOTEMPTY, path);
        }
        at.dir().children.remove(at.name());
        touch(at.dir());
    }

    synchronized void unlink(String path) throws ErrnoException {
        Location at = locate(path);
        Node node = at.dir() == null ? root : at.dir().children.get(at.name());
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT, path);
        }
        if (node instanceof Dir) {
            throw new ErrnoException(Errno.EISDIR, path);
        }
        FileData file = (FileData) node;
        usedBlocks -= blocks(file.size);
        at.dir().children.remove(at.name());
        touch(at.dir());
    }

    synchronized void rename(String from, String to) throws ErrnoException {
        Location src = locate(from);
        Location dst = locate(to);
        if (src.dir() == null || dst.dir() == null) {
            throw new ErrnoException(Errno.EINVAL, "the root cannot be renamed");
        }
        Node node = src.dir().children.get(src.name());
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT, from);
        }
        for (Dir d = dst.dir(); d != null; d = d.parent) {
            if (d == node) {
                throw new ErrnoException(Errno.EINVAL, "cannot move " + from + " into itself");
            }
        }
        Node existing = dst.dir().children.get(dst.name());
        if (existing == node) {
            return;
        }
        if (existing instanceof Dir d) {
            if (!(node instanceof Dir)) {
                throw new ErrnoException(Errno.EISDIR, to);
            }
            if (!d.children.isEmpty()) {
                throw new ErrnoException(Errno.ENOTEMPTY, to);
            }
        } else if (existing instanceof FileData f) {
            if (node instanceof Dir) {
                throw new ErrnoException(Errno.ENOTDIR, to);
            }
            usedBlocks -= blocks(f.size);
        }
        src.dir().children.remove(src.name());
        dst.dir().children.put(dst.name(), node);
        node.parent = dst.dir();
        touch(src.dir());
        touch(dst.dir());
    }

    synchronized List<String> entries(Dir dir) {
        return new ArrayList<>(dir.children.keySet());
    }

    /** @return the node's parent, the root's being itself (what {@code ..} names) */
    synchronized Node parentOf(Node node) {
        return node.parent == null ? root : node.parent;
    }

    synchronized int read(FileData file, long position, byte[] dst, int off, int len) {
        if (position >= file.size) {
            return 0;
        }
        int n = (int) Math.min(len, file.size - position);
        System.arraycopy(file.data, (int) position, dst, off, n);
        return n;
    }

    synchronized int write(FileData file, long position, byte[] src, int off, int len) throws ErrnoException {
        long end = position + len;
        if (end > Integer.MAX_VALUE - 8) {
            throw new ErrnoException(Errno.EFBIG, "files are limited to 2 GiB");
        }
        if (end > file.size) {
            resize(file, (int) end);
        }
        System.arraycopy(src, off, file.data, (int) position, len);
        touch(file);
        return len;
    }

    synchronized long capacityBlocks() {
        return capacityBlocks;
    }

    synchronized long usedBlocks() {
        return usedBlocks;
    }

    synchronized int inodeCount() {
        return nextIno;
    }

    private void resize(FileData file, int newSize) throws ErrnoException {
        long delta = blocks(newSize) - blocks(file.size);
        if (delta > 0 && usedBlocks + delta > capacityBlocks) {
            throw new ErrnoException(Errno.ENOSPC, "the virtual board's " + capacityBlocks * BLOCK_SIZE
                    + "-byte file system is full");
        }
        usedBlocks += delta;
        if (newSize > file.data.length) {
            // Grow geometrically: uploads append chunk after chunk.
            long grown = Math.max(newSize, Math.min(Integer.MAX_VALUE - 8L, file.data.length * 2L));
            file.data = Arrays.copyOf(file.data, (int) grown);
        } else if (newSize < file.size) {
            Arrays.fill(file.data, newSize, file.size, (byte) 0);
        }
        file.size = newSize;
    }

    private static long blocks(long size) {
        return (size + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    private void touch(Node node) {
        long t = now();
        node.mtimeMillis = t;
        node.ctimeMillis = t;
    }

    private long now() {
        return clock.millis();
    }
}
