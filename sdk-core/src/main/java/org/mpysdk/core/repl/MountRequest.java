package org.mpysdk.core.repl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * One request of a mounted folder's board code, as it arrives after its {@code 0x18} marker: Base64 of
 * {@code seq:u8 cmd:u8 args... crc32:u32le}. Arguments are read in order with the {@code next*} methods.
 *
 * @param seq the board's sequence number (a repeat carries the same one)
 * @param command the operation (see {@link FolderServer})
 * @param args the operation's arguments, little-endian
 * @param text the frame as it arrived, to tell a repeat from a new request with the same number
 */
record MountRequest(int seq, int command, byte[] args, String text) {

    /** Frames longer than this are not requests (the board sends at most a chunk plus a header). */
    static final int MAX_TEXT = 8192;

    /**
     * @param text the characters between the marker and the newline
     * @return the request
     * @throws MountFrameException when the text is not Base64, too short, too long, or fails its CRC
     */
    static MountRequest decode(String text) throws MountFrameException {
        if (text.length() > MAX_TEXT) {
            throw new MountFrameException("a mount request of " + text.length() + " characters (at most " + MAX_TEXT + ")");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MountFrameException("a mount request that is not Base64: " + e.getMessage());
        }
        if (raw.length < 6) {
            throw new MountFrameException("a mount request of " + raw.length + " bytes (at least 6)");
        }
        CRC32 crc = new CRC32();
        crc.update(raw, 0, raw.length - 4);
        long sent = ByteBuffer.wrap(raw, raw.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        if (crc.getValue() != sent) {
            throw new MountFrameException("a mount request damaged on the way (CRC-32 mismatch)");
        }
        byte[] args = new byte[raw.length - 6];
        System.arraycopy(raw, 2, args, 0, args.length);
        return new MountRequest(raw[0] & 0xFF, raw[1] & 0xFF, args, text);
    }

    /** @return a reader over the arguments */
    Args reader() {
        return new Args(ByteBuffer.wrap(args).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Reads a request's arguments in order; running past the end is a {@link MountFrameException}. */
    static final class Args {
        private final ByteBuffer in;

        Args(ByteBuffer in) {
            this.in = in;
        }

        int u8() throws MountFrameException {
            need(1);
            return in.get() & 0xFF;
        }

        int u16() throws MountFrameException {
            need(2);
            return in.getShort() & 0xFFFF;
        }

        int i32() throws MountFrameException {
            need(4);
            return in.getInt();
        }

        /** A {@code u16} length, then that many bytes of UTF-8 (malformed bytes are replaced, then refused as a name). */
        String string() throws MountFrameException {
            int n = u16();
            need(n);
            byte[] b = new byte[n];
            in.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        /** @return every byte left */
        byte[] rest() {
            byte[] b = new byte[in.remaining()];
            in.get(b);
            return b;
        }

        private void need(int n) throws MountFrameException {
            if (in.remaining() < n) {
                throw new MountFrameException("a mount request shorter than its arguments (" + in.remaining() + " bytes left, " + n + " needed)");
            }
        }
    }
}
