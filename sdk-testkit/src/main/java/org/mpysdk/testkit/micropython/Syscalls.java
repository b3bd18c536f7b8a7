package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mpysdk.testkit.micropython.MemoryFileSystem.Dir;
import org.mpysdk.testkit.micropython.MemoryFileSystem.FileData;
import org.mpysdk.testkit.micropython.MemoryFileSystem.Node;

/**
 * The POSIX side of the board: the {@code __syscall_*} and WASI {@code fd_*} imports of MicroPython's
 * Emscripten build, backed by a {@link MemoryFileSystem} and the board's console. Struct layouts
 * (stat, statfs, dirent, iovec, pollfd) are those of Emscripten's wasm32 libc.
 *
 * <p>One instance per running interpreter (file descriptors and the current directory are reset by a
 * soft reset; the file system is not). Called only from the board's thread.
 */
final class Syscalls {
    static final int AT_FDCWD = -100;
    private static final int O_ACCMODE = 3;
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0x40;
    private static final int O_EXCL = 0x80;
    private static final int O_TRUNC = 0x200;
    private static final int O_APPEND = 0x400;
    private static final int O_DIRECTORY = 0x10000;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int DIRENT_SIZE = 280;
    private static final int MAX_OPEN = 64;
    private static final int S_IFCHR = 0020000;

    /** Where the board's stdout and stderr bytes go. */
    interface Console {
        /** Takes bytes the board printed. */
        void print(byte[] bytes, int off, int len);
    }

    /** An open file or directory. */
    private static final class OpenFile {
        final Node node;
        final boolean readable;
        final boolean writable;
        final boolean append;
        long position;

        OpenFile(Node node, boolean readable, boolean writable, boolean append) {
            this.node = node;
            this.readable = readable;
            this.writable = writable;
            this.append = append;
        }
    }

    private final MemoryFileSystem fs;
    private final Console console;
    /** The UART's receive side: what code reading fd 0 while it runs gets (the REPL reads it between execs). */
    private final InputQueue input;
    private final Map<Integer, OpenFile> open = new HashMap<>();
    private String cwd = "/";

    Syscalls(MemoryFileSystem fs, Console console, InputQueue input) {
        this.fs = fs;
        this.console = console;
        this.input = input;
    }

    // ---- paths and directories -----------------------------------------------------------------

    int chdir(Memory m, int pathPtr) {
        try {
            String path = PathNames.normalize(string(m, pathPtr), cwd);
            fs.directory(path);
            cwd = path;
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int getcwd(Memory m, int buf, int size) {
        byte[] b = cwd.getBytes(StandardCharsets.UTF_8);
        if (size == 0) {
            return -Errno.EINVAL.code;
        }
        if (size < b.length + 1) {
            return -Errno.ERANGE.code;
        }
        m.write(buf, b);
        m.writeByte(buf + b.length, (byte) 0);
        return b.length + 1;
    }

    int mkdirat(Memory m, int dirfd, int pathPtr) {
        try {
            fs.mkdir(at(m, dirfd, pathPtr));
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int rmdir(Memory m, int pathPtr) {
        try {
            fs.rmdir(PathNames.normalize(string(m, pathPtr), cwd));
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int unlinkat(Memory m, int dirfd, int pathPtr, int flags) {
        try {
            String path = at(m, dirfd, pathPtr);
            if (flags == AT_REMOVEDIR) {
                fs.rmdir(path);
            } else if (flags == 0) {
                fs.unlink(path);
            } else {
                return -Errno.EINVAL.code;
            }
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int renameat(Memory m, int oldDirfd, int oldPtr, int newDirfd, int newPtr) {
        try {
            fs.rename(at(m, oldDirfd, oldPtr), at(m, newDirfd, newPtr));
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    // ---- stat --------------------------------------------------------------------------------------

    int stat(Memory m, int pathPtr, int buf) {
        try {
            writeStat(m, buf, fs.lookup(PathNames.normalize(string(m, pathPtr), cwd)));
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int newfstatat(Memory m, int dirfd, int pathPtr, int buf) {
        try {
            String rel = string(m, pathPtr);
            if (rel.isEmpty()) {
                return fstat(m, dirfd, buf);
            }
            writeStat(m, buf, fs.lookup(at(m, dirfd, pathPtr)));
            return 0;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int fstat(Memory m, int fd, int buf) {
        if (fd >= 0 && fd <= 2) {
            writeStat(m, buf, S_IFCHR | 0666, fd + 1L, 0, System.currentTimeMillis(), System.currentTimeMillis());
            return 0;
        }
        OpenFile f = open.get(fd);
        if (f == null) {
            return -Errno.EBADF.code;
        }
        writeStat(m, buf, f.node);
        return 0;
    }

    int statfs(Memory m, int pathPtr, int size, int buf) {
        if (size != 88) {
            return -Errno.EINVAL.code;
        }
        try {
            fs.lookup(PathNames.normalize(string(m, pathPtr), cwd));
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
        for (int i = 0; i < size; i += 4) {
            m.writeI32(buf + i, 0);
        }
        long total = fs.capacityBlocks();
        long free = total - fs.usedBlocks();
        m.writeI32(buf + 4, MemoryFileSystem.BLOCK_SIZE);
        m.writeLong(buf + 8, total);
        m.writeLong(buf + 16, free);
        m.writeLong(buf + 24, free);
        m.writeLong(buf + 32, fs.inodeCount());
        m.writeLong(buf + 40, Math.max(0, free));
        m.writeI32(buf + 48, 42);
        m.writeI32(buf + 56, MemoryFileSystem.MAX_NAME);
        m.writeI32(buf + 60, MemoryFileSystem.BLOCK_SIZE);
        return 0;
    }

    private void writeStat(Memory m, int buf, Node node) {
        writeStat(m, buf, node.mode(), node.ino, node.size(), node.mtimeMillis, node.ctimeMillis);
    }

    private static void writeStat(Memory m, int buf, int mode, long ino, long size, long mtime, long ctime) {
        m.writeI32(buf, 1); // dev
        m.writeI32(buf + 4, mode);
        m.writeI32(buf + 8, 1); // nlink
        m.writeI32(buf + 12, 0); // uid
        m.writeI32(buf + 16, 0); // gid
        m.writeI32(buf + 20, 0); // rdev
        m.writeLong(buf + 24, size);
        m.writeI32(buf + 32, MemoryFileSystem.BLOCK_SIZE);
        m.writeI32(buf + 36, (int) ((size + 511) / 512));
        writeTime(m, buf + 40, mtime); // atime: not tracked, mtime is close enough
        writeTime(m, buf + 56, mtime);
        writeTime(m, buf + 72, ctime);
        m.writeLong(buf + 88, ino);
    }

    private static void writeTime(Memory m, int at, long millis) {
        m.writeLong(at, Math.floorDiv(millis, 1000));
        m.writeI32(at + 8, Math.floorMod(millis, 1000) * 1_000_000);
    }

    // ---- file descriptors --------------------------------------------------------------------

    int openat(Memory m, int dirfd, int pathPtr, int flags) {
        try {
            String path = at(m, dirfd, pathPtr);
            if (open.size() >= MAX_OPEN) {
                return -Errno.EMFILE.code;
            }
            int access = flags & O_ACCMODE;
            boolean writable = access == O_WRONLY || access == O_RDWR;
            Node node;
            if ((flags & O_DIRECTORY) != 0) {
                node = fs.directory(path);
            } else if ((flags & O_CREAT) != 0 || writable) {
                if (fs.exists(path) && fs.lookup(path) instanceof Dir dir) {
                    if (writable) {
                        return -Errno.EISDIR.code;
                    }
                    node = dir;
                } else {
                    node = fs.open(path, (flags & O_CREAT) != 0, (flags & O_EXCL) != 0, (flags & O_TRUNC) != 0 && writable);
                }
            } else {
                node = fs.lookup(path);
            }
            int fd = 3;
            while (open.containsKey(fd)) {
                fd++;
            }
            open.put(fd, new OpenFile(node, access != O_WRONLY, writable, (flags & O_APPEND) != 0));
            return fd;
        } catch (ErrnoException e) {
            return -e.errno.code;
        }
    }

    int close(int fd) {
        if (fd >= 0 && fd <= 2) {
            return 0;
        }
        return open.remove(fd) == null ? Errno.EBADF.code : 0;
    }

    int sync(int fd) {
        return fd >= 0 && fd <= 2 || open.containsKey(fd) ? 0 : Errno.EBADF.code;
    }

    int seek(Memory m, int fd, long offset, int whence, int newOffsetPtr) {
        OpenFile f = open.get(fd);
        if (f == null) {
            return fd >= 0 && fd <= 2 ? Errno.ESPIPE.code : Errno.EBADF.code;
        }
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> f.position;
            case 2 -> f.node.size();
            default -> -1;
        };
        if (base < 0 || base + offset < 0) {
            return Errno.EINVAL.code;
        }
        f.position = base + offset;
        m.writeLong(newOffsetPtr, f.position);
        return 0;
    }

    int write(Memory m, int fd, int iovs, int iovCount, int writtenPtr) {
        long total = 0;
        if (fd == 1 || fd == 2) {
            for (int i = 0; i < iovCount; i++) {
                int ptr = m.readInt(iovs + 8 * i);
                int len = m.readInt(iovs + 8 * i + 4);
                byte[] bytes = m.readBytes(ptr, len);
                console.print(bytes, 0, len);
                total += len;
            }
            m.writeI32(writtenPtr, (int) total);
            return 0;
        }
        OpenFile f = open.get(fd);
        if (f == null || !f.writable || !(f.node instanceof FileData file)) {
            return f != null && f.node instanceof Dir ? Errno.EISDIR.code : Errno.EBADF.code;
        }
        try {
            for (int i = 0; i < iovCount; i++) {
                int ptr = m.readInt(iovs + 8 * i);
                int len = m.readInt(iovs + 8 * i + 4);
                if (f.append) {
                    f.position = file.size();
                }
                fs.write(file, f.position, m.readBytes(ptr, len), 0, len);
                f.position += len;
                total += len;
            }
        } catch (ErrnoException e) {
            if (total == 0) {
                return e.errno.code;
            }
        }
        m.writeI32(writtenPtr, (int) total);
        return 0;
    }

    int read(Memory m, int fd, int iovs, int iovCount, int readPtr) {
        if (fd == 0) {
            // The REPL gets its input through process_char between execs; code that reads fd 0 while it runs
            // (this port's sys.stdin does not) gets the host's input as from a UART, or its end after 1 s of nothing.
            m.writeI32(readPtr, readInput(m, iovs, iovCount));
            return 0;
        }
        OpenFile f = open.get(fd);
        if (f == null || !f.readable) {
            return Errno.EBADF.code;
        }
        if (!(f.node instanceof FileData file)) {
            return Errno.EISDIR.code;
        }
        long total = 0;
        for (int i = 0; i < iovCount; i++) {
            int ptr = m.readInt(iovs + 8 * i);
            int len = m.readInt(iovs + 8 * i + 4);
            byte[] chunk = new byte[len];
            int n = fs.read(file, f.position, chunk, 0, len);
            m.write(ptr, chunk, 0, n);
            f.position += n;
            total += n;
            if (n < len) {
                break;
            }
        }
        m.writeI32(readPtr, (int) total);
        return 0;
    }

    private int readInput(Memory m, int iovs, int iovCount) {
        int want = 0;
        for (int i = 0; i < iovCount; i++) {
            want += m.readInt(iovs + 8 * i + 4);
        }
        byte[] got;
        try {
            got = input.take(want, 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int done = 0;
        for (int i = 0; i < iovCount && done < got.length; i++) {
            int ptr = m.readInt(iovs + 8 * i);
            int n = Math.min(m.readInt(iovs + 8 * i + 4), got.length - done);
            m.write(ptr, got, done, n);
            done += n;
        }
        return done;
    }

    /** MicroPython's select loop asks again and again with no timeout: a short wait here keeps it from spinning a core. */
    private boolean inputWaiting(boolean wanted) {
        try {
            return input.waiting(wanted ? 1 : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int getdents(Memory m, int fd, int dirp, int count) {
        OpenFile f = open.get(fd);
        if (f == null) {
            return -Errno.EBADF.code;
        }
        if (!(f.node instanceof Dir dir)) {
            return -Errno.ENOTDIR.code;
        }
        List<String> names = fs.entries(dir);
        int total = names.size() + 2;
        int index = (int) (f.position / DIRENT_SIZE);
        int end = Math.min(total, index + count / DIRENT_SIZE);
        int written = 0;
        for (; index < end; index++) {
            String name;
            long ino;
            int type;
            if (index == 0) {
                name = ".";
                ino = dir.ino;
                type = 4;
            } else if (index == 1) {
                name = "..";
                ino = fs.parentOf(dir).ino;
                type = 4;
            } else {
                name = names.get(index - 2);
                Node child = dir.children.get(name);
                if (child == null) {
                    continue; // removed while listing
                }
                ino = child.ino;
                type = child instanceof Dir ? 4 : 8;
            }
            int at = dirp + written;
            m.writeLong(at, ino);
            m.writeLong(at + 8, (long) DIRENT_SIZE * (index + 1));
            m.writeShort(at + 16, (short) DIRENT_SIZE);
            m.writeByte(at + 18, (byte) type);
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, 255);
            m.write(at + 19, b, 0, n);
            m.writeByte(at + 19 + n, (byte) 0);
            written += DIRENT_SIZE;
        }
        f.position = (long) DIRENT_SIZE * index;
        return written;
    }

    int poll(Memory m, int fds, int count) {
        int ready = 0;
        for (int i = 0; i < count; i++) {
            int at = fds + 8 * i;
            int fd = m.readInt(at);
            int events = m.readShort(at + 4);
            int mask;
            if (fd == 0) {
                mask = 4 | (inputWaiting((events & 1) != 0) ? 1 : 0); // POLLOUT, and POLLIN when the host sent something
            } else if (fd == 1 || fd == 2 || open.containsKey(fd)) {
                mask = 5; // POLLIN | POLLOUT
            } else {
                mask = 32; // POLLNVAL
            }
            mask &= events | 24 | 32;
            if (mask != 0) {
                ready++;
            }
            m.writeShort(at + 6, (short) mask);
        }
        return ready;
    }

    private String at(Memory m, int dirfd, int pathPtr) throws ErrnoException {
        String path = string(m, pathPtr);
        if (path.startsWith("/") || dirfd == AT_FDCWD) {
            return PathNames.normalize(path, cwd);
        }
        OpenFile dir = open.get(dirfd);
        if (dir == null) {
            throw new ErrnoException(Errno.EBADF, "directory descriptor " + dirfd);
        }
        throw new ErrnoException(Errno.ENOSYS, "paths relative to a directory descriptor");
    }

    private static String string(Memory m, int ptr) {
        return m.readCString(ptr, StandardCharsets.UTF_8);
    }
}
