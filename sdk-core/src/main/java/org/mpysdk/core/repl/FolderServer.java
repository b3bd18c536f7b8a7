package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of a mounted folder: carries out the board's file requests inside one local folder
 * and encodes the answers. A request whose frame equals the last one is a repeat (its answer was lost):
 * it gets the same answer again without being carried out twice, so a write or a remove happens once.
 *
 * <p>Paths are the board's, relative to the mount point. A {@code ..} segment, and (unless allowed) a
 * path whose real location is outside the folder through a symbolic link, is refused with
 * {@code EPERM}, as mpremote does.
 */
final class FolderServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderServer.class);

    static final int STAT = 1;
    static final int LIST = 2;
    static final int OPEN = 3;
    static final int CLOSE = 4;
    static final int READ = 5;
    static final int WRITE = 6;
    static final int SEEK = 7;
    static final int REMOVE = 8;
    static final int RENAME = 9;
    static final int MKDIR = 10;
    static final int RMDIR = 11;
    static final int READLINE = 12;

    // MicroPython's errno numbers (the same on every port).
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int EROFS = 30;
    static final int ENOTEMPTY = 39;

    private static final int MAX_FILES = 64;
    private static final byte ESC = 0x1B;
    private static final byte CTRL_C = 0x03;

    private final Path root;
    private final Path realRoot;
    private final MountOptions options;
    private final SeekableByteChannel[] files = new SeekableByteChannel[MAX_FILES];
    /** Files opened with 'a': every write goes to the end, wherever the board's position is. */
    private final boolean[] appending = new boolean[MAX_FILES];
    private String lastText;
    private byte[] lastReply;
    private long served;

    FolderServer(Path root, MountOptions options) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
        this.options = options;
    }

    /** @return requests carried out (repeats not counted) */
    long served() {
        return served;
    }

    /**
     * Forgets open files and the last answer: the board's side was sent again (a new mount or a remount
     * after a soft reset), so its sequence numbers start over.
     */
    void restart() {
        close();
        lastText = null;
        lastReply = null;
    }

    /** @return the wire answer for an empty reply, which the board takes as "send it again" */
    static byte[] retryReply() {
        return "00000000".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param request a request that passed its CRC
     * @return the answer to write to the board: 4 hex digits of length and 4 of the length XOR
     *     {@code 0xA5A5} (a damaged length is seen at once, not waited out), then
     *     {@code seq:u8 result:i32le payload crc32:u32le} with {@code 0x03} and {@code 0x1b} escaped
     *     (binary, not Base64: a third fewer bytes on the line, the direction imports use)
     */
    byte[] answer(MountRequest request) {
        if (request.text().equals(lastText)) {
            LOG.debug("mount request {} repeated: answered from the cache", request.seq());
            return lastReply;
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int result;
        try {
            result = carryOut(request.command(), request.reader(), payload);
        } catch (Errno e) {
            result = -e.code;
            payload.reset();
        } catch (MountFrameException e) {
            LOG.debug("mount request {} with bad arguments: {}", request.seq(), e.getMessage());
            result = -EINVAL;
            payload.reset();
        }
        served++;
        lastText = request.text();
        lastReply = encode(request.seq(), result, payload.toByteArray());
        return lastReply;
    }

    static byte[] encode(int seq, int result, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) seq).putInt(result).put(payload);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        ByteArrayOutputStream body = new ByteArrayOutputStream(b.capacity() + 64);
        for (byte x : b.array()) {
            // A 0x03 would interrupt the board's code as Ctrl-C: sent as ESC 2, and ESC itself as ESC 1.
            if (x == ESC) {
                body.write(ESC);
                body.write(1);
            } else if (x == CTRL_C) {
                body.write(ESC);
                body.write(2);
            } else {
                body.write(x);
            }
        }
        byte[] header = String.format("%04x%04x", body.size(), body.size() ^ 0xA5A5).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[8 + body.size()];
        System.arraycopy(header, 0, out, 0, 8);
        System.arraycopy(body.toByteArray(), 0, out, 8, body.size());
        return out;
    }

    private int carryOut(int command, MountRequest.Args in, ByteArrayOutputStream out) throws Errno, MountFrameException {
        switch (command) {
            case STAT -> {
                stat(resolve(in.string()), out);
                return 0;
            }
            case LIST -> {
                return list(resolve(in.string()), in.u16(), out);
            }
            case OPEN -> {
                Path p = resolve(in.string());
                return open(p, in.string());
            }
            case CLOSE -> {
                int fd = in.u8();
                SeekableByteChannel ch = file(fd);
                files[fd] = null;
                quietly(ch);
                return 0;
            }
            case READ, READLINE -> {
                SeekableByteChannel ch = file(in.u8());
                int at = in.i32();
                return read(ch, at, in.i32(), command == READLINE, out);
            }
            case WRITE -> {
                int fd = in.u8();
                SeekableByteChannel ch = file(fd);
                int at = in.i32();
                byte[] data = in.rest();
                try {
                    if (!appending[fd]) {
                        ch.position(position(at));
                    }
                    ByteBuffer b = ByteBuffer.wrap(data);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                } catch (IOException e) {
                    throw Errno.of(e);
                }
                return data.length;
            }
            case SEEK -> {
                SeekableByteChannel ch = file(in.u8());
                int at = in.i32();
                return seek(ch, at, in.i32(), in.u8());
            }
            case REMOVE, RMDIR -> {
                Path p = writable(resolve(in.string()));
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (dir != (command == RMDIR)) {
                    throw new Errno(dir ? EISDIR : Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? ENOTDIR : ENOENT);
                }
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw Errno.of(e);
                }
                return 0;
            }
            case RENAME -> {
                Path from = writable(resolve(in.string()));
                Path to = writable(resolve(in.string()));
                try {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw Errno.of(e);
                }
                return 0;
            }
            case MKDIR -> {
                try {
                    Files.createDirectory(writable(resolve(in.string())));
                } catch (IOException e) {
                    throw Errno.of(e);
                }
                return 0;
            }
            default -> throw new Errno(EINVAL);
        }
    }

    /**
     * @param boardPath a path below the mount point ({@code /a/b.py}, {@code a/b.py} or {@code /})
     * @return the host path it names inside the folder
     * @throws Errno EPERM for {@code ..}, a NUL or a backslash, or a place outside the folder
     */
    Path resolve(String boardPath) throws Errno {
        Path p = root;
        for (String segment : boardPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.indexOf('\0') >= 0 || segment.indexOf('\\') >= 0 || segment.indexOf('\uFFFD') >= 0) {
                throw new Errno(EPERM);
            }
            p = p.resolve(segment);
        }
        if (!options.followLinksOutside() && !insideRealRoot(p)) {
            LOG.debug("mount: {} leaves {} through a link: refused", boardPath, root);
            throw new Errno(EPERM);
        }
        return p;
    }

    /** The real location of the path, or of its deepest existing parent, must be inside the folder's. */
    private boolean insideRealRoot(Path p) {
        for (Path q = p; q != null && q.startsWith(root); q = q.getParent()) {
            try {
                return q.toRealPath().startsWith(realRoot);
            } catch (IOException e) {
                // not there (yet): its parent decides
            }
        }
        return false;
    }

    private Path writable(Path p) throws Errno {
        if (options.readOnly()) {
            throw new Errno(EROFS);
        }
        if (p.equals(root)) {
            throw new Errno(EPERM); // the mounted folder itself stays
        }
        return p;
    }

    private static void stat(Path p, ByteArrayOutputStream out) throws Errno {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw Errno.of(e);
        }
        int mode = a.isDirectory() ? 0x4000 : 0x8000;
        long size = a.isDirectory() ? 0 : Math.min(a.size(), 0xFFFFFFFFL);
        long mtime = Math.max(0, Math.min(a.lastModifiedTime().toMillis() / 1000, 0xFFFFFFFFL));
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(mode).putInt((int) size).putInt((int) mtime);
        out.writeBytes(b.array());
    }

    /** A page of entries from {@code start} (sorted by name) that fits in a chunk; the result says whether more follow. */
    private int list(Path dir, int start, ByteArrayOutputStream out) throws Errno {
        if (!Files.isDirectory(dir)) {
            throw new Errno(Files.exists(dir) ? ENOTDIR : ENOENT);
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = new ArrayList<>(s.sorted().toList());
        } catch (IOException e) {
            throw Errno.of(e);
        }
        int i = start;
        for (; i < entries.size(); i++) {
            byte[] name = entries.get(i).getFileName().toString().getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                continue; // no MicroPython file system takes such a name
            }
            if (out.size() + 2 + name.length > options.chunk()) {
                return 1;
            }
            boolean isDir = Files.isDirectory(entries.get(i), LinkOption.NOFOLLOW_LINKS);
            out.write(isDir ? 4 : 8);
            out.write(name.length);
            out.writeBytes(name);
        }
        return 0;
    }

    private int open(Path p, String mode) throws Errno {
        Set<OpenOption> how = new HashSet<>();
        boolean plus = mode.indexOf('+') >= 0;
        switch (mode.replace("b", "").replace("t", "").replace("+", "")) {
            case "r" -> how.add(StandardOpenOption.READ);
            case "w" -> how.addAll(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING));
            case "a" -> how.addAll(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            case "x" -> how.addAll(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
            default -> throw new Errno(EINVAL);
        }
        if (plus) {
            how.add(StandardOpenOption.READ);
            how.add(StandardOpenOption.WRITE);
        }
        if (how.contains(StandardOpenOption.WRITE)) {
            writable(p);
        }
        if (Files.isDirectory(p)) {
            throw new Errno(EISDIR);
        }
        int fd = 0;
        while (fd < MAX_FILES && files[fd] != null) {
            fd++;
        }
        if (fd == MAX_FILES) {
            throw new Errno(EMFILE);
        }
        try {
            files[fd] = Files.newByteChannel(p, how);
            appending[fd] = how.contains(StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw Errno.of(e);
        }
        return fd;
    }

    private SeekableByteChannel file(int fd) throws Errno {
        if (fd >= MAX_FILES || files[fd] == null) {
            throw new Errno(EBADF);
        }
        return files[fd];
    }

    /**
     * Reads at the board's offset (the board keeps the position: a read sent again, even asking for less,
     * reads the same bytes); a line read stops after the first newline.
     */
    private int read(SeekableByteChannel ch, int at, int n, boolean line, ByteArrayOutputStream out) throws Errno {
        int want = n < 0 ? options.chunk() : Math.min(n, options.chunk());
        ByteBuffer buf = ByteBuffer.allocate(want);
        try {
            ch.position(position(at));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // a channel may return less than asked before the end
            }
            if (line) {
                int end = 0;
                while (end < buf.position() && buf.get(end) != '\n') {
                    end++;
                }
                buf.position(Math.min(buf.position(), end + 1));
            }
        } catch (IOException e) {
            throw Errno.of(e);
        }
        out.write(buf.array(), 0, buf.position());
        return buf.position();
    }

    private static long position(int at) throws Errno {
        if (at < 0) {
            throw new Errno(EINVAL);
        }
        return at;
    }

    /** @return the new position, from the board's own ({@code at}) for {@code whence} 1 */
    private static int seek(SeekableByteChannel ch, int at, int offset, int whence) throws Errno {
        try {
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> position(at);
                case 2 -> ch.size();
                default -> throw new Errno(EINVAL);
            };
            long to = base + offset;
            if (to < 0 || to > Integer.MAX_VALUE) {
                throw new Errno(EINVAL);
            }
            return (int) to;
        } catch (IOException e) {
            throw Errno.of(e);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < files.length; i++) {
            quietly(files[i]);
            files[i] = null;
            appending[i] = false;
        }
    }

    private static void quietly(SeekableByteChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a mounted file: {}", e.toString());
            }
        }
    }

    /** A failure the board sees as {@code OSError(code)}. */
    static final class Errno extends Exception {
        final int code;

        Errno(int code) {
            super(null, null, false, false);
            this.code = code;
        }

        static Errno of(IOException e) {
            if (e instanceof NoSuchFileException) {
                return new Errno(ENOENT);
            } else if (e instanceof FileAlreadyExistsException) {
                return new Errno(EEXIST);
            } else if (e instanceof DirectoryNotEmptyException) {
                return new Errno(ENOTEMPTY);
            } else if (e instanceof NotDirectoryException) {
                return new Errno(ENOTDIR);
            } else if (e instanceof AccessDeniedException) {
                return new Errno(EACCES);
            } else if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("directory")) {
                return new Errno(f.getReason().contains("Not a") ? ENOTDIR : EISDIR);
            }
            LOG.debug("mount: {}", e.toString());
            return new Errno(EIO);
        }
    }
}
