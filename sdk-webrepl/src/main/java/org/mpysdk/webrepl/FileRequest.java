package org.mpysdk.webrepl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mpysdk.core.AbstractTransport;

/**
 * The 82-byte request record that starts every WebREPL file operation (struct {@code <2sBBQLH64s},
 * little-endian): {@code "WA"}, operation, flags, offset, size, name length, name.
 *
 * <p>The board ignores the name-length field and reads the name as a zero-terminated string inside the
 * 64-byte field, so a name takes at most {@value #MAX_NAME_BYTES} bytes of UTF-8 and may not contain a
 * zero byte.
 *
 * <pre>{@code
 * byte[] wire = FileRequest.put("/main.py", 1234).encode();   // 82 bytes
 * FileRequest back = FileRequest.decode(wire);
 * }</pre>
 *
 * @param op the operation
 * @param flags the flags byte (0 in every known client)
 * @param offset the offset field (0; the board ignores it)
 * @param size the file size for a put, else 0 (unsigned 32 bits)
 * @param nameLength the name-length field as sent (clients send the name's byte count)
 * @param name the file name bytes, without padding, at most 63, no zero byte
 */
record FileRequest(FileOp op, int flags, long offset, long size, int nameLength, byte[] name) {
    /** Length of the record on the wire. */
    public static final int LENGTH = 82;
    /** Longest name in bytes: the 64-byte field must keep a terminating zero. */
    public static final int MAX_NAME_BYTES = 63;
    private static final int NAME_FIELD = 64;
    private static final int NAME_AT = 18;
    private static final long MAX_SIZE = 0xFFFF_FFFFL;

    /**
     * Validates the fields; the name array is copied.
     *
     * @param op the operation, required
     * @param flags the flags byte, 0 to 255
     * @param offset the offset field
     * @param size the file size, 0 to 4 GiB - 1
     * @param nameLength the name-length field, 0 to 65535
     * @param name the file name bytes, at most 63, no zero byte
     * @throws IllegalArgumentException when a field does not fit the record
     */
    public FileRequest {
        if (op == null) {
            throw new IllegalArgumentException("op must not be null");
        }
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("flags is one byte: " + flags);
        }
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size " + size + " does not fit the protocol's 32-bit field (at most 4 GiB - 1)");
        }
        if (nameLength < 0 || nameLength > 0xFFFF) {
            throw new IllegalArgumentException("name length is two bytes: " + nameLength);
        }
        name = name.clone();
        checkName(name);
    }

    /**
     * @param path the board path to write, e.g. {@code "/main.py"}
     * @param size how many bytes will follow
     * @return a put request for {@code size} bytes to {@code path}
     * @throws WebReplFileException when the name is empty, over {@value #MAX_NAME_BYTES} bytes of UTF-8 or holds a zero character
     * @throws IllegalArgumentException when {@code size} is negative or 4 GiB or more
     */
    public static FileRequest put(String path, long size) throws WebReplFileException {
        byte[] n = nameBytes(path);
        return new FileRequest(FileOp.PUT_FILE, 0, 0, size, n.length, n);
    }

    /**
     * @param path the board path to read
     * @return a get request for {@code path}
     * @throws WebReplFileException when the name is empty, over {@value #MAX_NAME_BYTES} bytes of UTF-8 or holds a zero character
     */
    public static FileRequest get(String path) throws WebReplFileException {
        byte[] n = nameBytes(path);
        return new FileRequest(FileOp.GET_FILE, 0, 0, 0, n.length, n);
    }

    /** @return a version request (no name) */
    public static FileRequest version() {
        return new FileRequest(FileOp.GET_VER, 0, 0, 0, 0, new byte[0]);
    }

    /**
     * @param path a board path
     * @return the UTF-8 bytes of a remote path
     * @throws WebReplFileException when the name is empty, over {@value #MAX_NAME_BYTES} bytes or holds a zero character
     */
    public static byte[] nameBytes(String path) throws WebReplFileException {
        byte[] n = path.getBytes(StandardCharsets.UTF_8);
        if (n.length == 0) {
            throw new WebReplFileException("empty remote file name; give a path such as /main.py");
        }
        if (n.length > MAX_NAME_BYTES) {
            throw new WebReplFileException("remote name '" + path + "' is " + n.length + " bytes in UTF-8; the WebREPL "
                    + "file protocol takes at most " + MAX_NAME_BYTES + " (the board reads the name as a zero-terminated "
                    + "string in a 64-byte field). Use a shorter path, or copy it with the REPL file operations");
        }
        for (byte b : n) {
            if (b == 0) {
                throw new WebReplFileException("remote name '" + path.replace("\0", "\\0")
                        + "' holds a zero character; the board would cut the name there");
            }
        }
        return n;
    }

    private static void checkName(byte[] n) {
        if (n.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name is " + n.length + " bytes; at most " + MAX_NAME_BYTES);
        }
        for (byte b : n) {
            if (b == 0) {
                throw new IllegalArgumentException("name holds a zero byte");
            }
        }
    }

    /** @return a copy of the name bytes */
    @Override
    public byte[] name() {
        return name.clone();
    }

    /** @return the name decoded as UTF-8 (malformed bytes replaced), for messages */
    public String nameText() {
        return new String(name, StandardCharsets.UTF_8);
    }

    /** @return the 82 bytes on the wire */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'W').put((byte) 'A').put((byte) op.code()).put((byte) flags);
        b.putLong(offset).putInt((int) size).putShort((short) nameLength);
        b.put(name);
        return b.array();
    }

    /**
     * Parses a record as the board does: the name ends at the first zero byte of its field.
     *
     * @param wire the 82 bytes of a request record
     * @return the request
     * @throws WebReplProtocolException when the length, signature or operation is wrong, or the name
     *     field has no terminating zero
     */
    public static FileRequest decode(byte[] wire) throws WebReplProtocolException {
        if (wire == null || wire.length != LENGTH) {
            throw new WebReplProtocolException("a WebREPL request record is " + LENGTH + " bytes, got "
                    + (wire == null ? "none" : wire.length));
        }
        if (wire[0] != 'W' || wire[1] != 'A') {
            throw new WebReplProtocolException("a WebREPL request starts with \"WA\", got "
                    + AbstractTransport.printable(Arrays.copyOf(wire, 2)));
        }
        ByteBuffer b = ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);
        FileOp op = FileOp.ofCode(wire[2] & 0xFF);
        int flags = wire[3] & 0xFF;
        long offset = b.getLong(4);
        long size = b.getInt(12) & MAX_SIZE;
        int nameLength = b.getShort(16) & 0xFFFF;
        int end = NAME_AT;
        while (end < LENGTH && wire[end] != 0) {
            end++;
        }
        if (end == LENGTH) {
            throw new WebReplProtocolException("the name field of a WebREPL request has no terminating zero");
        }
        return new FileRequest(op, flags, offset, size, nameLength, Arrays.copyOfRange(wire, NAME_AT, end));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileRequest r && op == r.op && flags == r.flags && offset == r.offset && size == r.size
                && nameLength == r.nameLength && Arrays.equals(name, r.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(op, flags, offset, size, nameLength, Arrays.hashCode(name));
    }

    @Override
    public String toString() {
        return "FileRequest[" + op + " '" + nameText() + "' size " + size + "]";
    }
}
