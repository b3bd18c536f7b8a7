package org.mpysdk.testkit.webrepl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file half of MicroPython's {@code modwebrepl.c}, fed with the payload bytes of binary frames as one
 * stream: collect the 82-byte request, then for a put take exactly {@code size} bytes into the file, for a
 * get answer each {@code \0} with {@code [u16 n][n <= 256 bytes]} until n = 0; after each operation send
 * {@code WB 00 00}; a version request gets 3 bytes. The name is read as a C string (up to the first zero
 * of its 64-byte field; the length field is ignored). An error (file missing, folder missing, name out of
 * the root) is raised as {@link SessionDrop}: the board's dupterm deactivates and the socket closes.
 */
final class BoardFileProtocol {
    static final int HEADER = 82;
    static final int GET_CHUNK = 256;

    /** The board cannot go on: the session ends by dropping the connection. */
    static final class SessionDrop extends IOException {
        SessionDrop(String message) {
            super(message);
        }
    }

    /** Where replies go. */
    interface Replies {
        void binary(byte[] data) throws IOException;
    }

    private final Path root;
    private final int[] version;
    private final Replies replies;
    private final WebReplServer.Faults faults;
    private final byte[] header = new byte[HEADER];
    private int headerGot;
    private int type;
    private long dataToRecv;
    private OutputStream putFile;
    private InputStream getFile;
    private long transferred;

    BoardFileProtocol(Path root, int[] version, Replies replies, WebReplServer.Faults faults) {
        this.root = root;
        this.version = version;
        this.replies = replies;
        this.faults = faults;
    }

    void feed(byte[] data) throws IOException {
        int i = 0;
        while (i < data.length) {
            if (dataToRecv == 0) {
                int n = Math.min(HEADER - headerGot, data.length - i);
                System.arraycopy(data, i, header, headerGot, n);
                headerGot += n;
                i += n;
                if (headerGot == HEADER) {
                    headerGot = 0;
                    handleOp();
                }
            } else if (type == 1) {
                int n = (int) Math.min(dataToRecv, data.length - i);
                putFile.write(data, i, n);
                i += n;
                dataToRecv -= n;
                transferred += n;
                faults.checkTransfer(transferred);
                if (dataToRecv == 0) {
                    finish();
                }
            } else {
                // A get: each byte asks for the next chunk (the board asserts it is 0).
                i++;
                byte[] chunk = getFile.readNBytes(GET_CHUNK);
                ByteBuffer b = ByteBuffer.allocate(2 + chunk.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putShort((short) chunk.length).put(chunk);
                replies.binary(b.array());
                transferred += chunk.length;
                faults.checkTransfer(transferred);
                if (chunk.length == 0) {
                    dataToRecv = 0;
                    finish();
                }
            }
        }
    }

    private void handleOp() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        type = header[2] & 0xFF;
        long size = b.getInt(12) & 0xFFFF_FFFFL;
        transferred = 0;
        if (type == 3) {
            replies.binary(new byte[] {(byte) version[0], (byte) version[1], (byte) version[2]});
            return;
        }
        int end = 18;
        while (end < HEADER && header[end] != 0) {
            end++;
        }
        String name = new String(header, 18, end - 18, StandardCharsets.UTF_8);
        Path file = resolve(name);
        if (type == 1) {
            if (!Files.isDirectory(file.getParent())) {
                throw new SessionDrop("OSError: [Errno 2] ENOENT opening '" + name + "' for writing");
            }
            putFile = Files.newOutputStream(file);
            replies.binary(status());
            dataToRecv = size;
            if (size == 0) {
                finish();
            }
        } else if (type == 2) {
            if (!Files.isRegularFile(file)) {
                throw new SessionDrop("OSError: [Errno 2] ENOENT opening '" + name + "'");
            }
            getFile = Files.newInputStream(file);
            replies.binary(status());
            dataToRecv = 1;
        } else {
            // modwebrepl opens the file "rb" for any other type and then waits; a drop is the honest model.
            throw new SessionDrop("unknown WebREPL operation " + type);
        }
    }

    private Path resolve(String name) throws SessionDrop {
        String rel = name.startsWith("/") ? name.substring(1) : name;
        Path p = root.resolve(rel).normalize();
        if (rel.isEmpty() || !p.startsWith(root)) {
            throw new SessionDrop("OSError: bad file name '" + name + "'");
        }
        return p;
    }

    private void finish() throws IOException {
        close();
        replies.binary(status());
    }

    private static byte[] status() {
        return new byte[] {'W', 'B', 0, 0};
    }

    /** Closes any open file (end of session). */
    void close() throws IOException {
        if (putFile != null) {
            putFile.close();
            putFile = null;
        }
        if (getFile != null) {
            getFile.close();
            getFile = null;
        }
    }
}
