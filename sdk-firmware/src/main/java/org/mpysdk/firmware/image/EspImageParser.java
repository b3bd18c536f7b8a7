package org.mpysdk.firmware.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.firmware.ImageFormatException;

/**
 * Parses and checks one ESP image inside a byte array: magic 0xE9, a segment table that stays inside
 * the buffer, the checksum byte (0xEF XOR every segment data byte, placed so the image length is a
 * multiple of 16) and the appended SHA-256 when the extended header flags it.
 *
 * <p>Every loop is bounded by the segment count (at most 16) and the buffer length, so garbage input
 * ends in an {@link ImageFormatException} quickly.
 *
 * <pre>{@code
 * EspImage boot = EspImageParser.parse(bytes, 0, true); // ESP32-family image at offset 0
 * }</pre>
 */
public final class EspImageParser {
    /** First byte of every ESP image. */
    public static final int MAGIC = 0xE9;
    /** esptool's limit on the segment count. */
    public static final int MAX_SEGMENTS = 16;
    private static final int HEADER = 8;
    private static final int EXTENDED_HEADER = 16;
    private static final int CHECKSUM_SEED = 0xEF;

    private EspImageParser() {
    }

    /**
     * Parses the image that starts at {@code offset}.
     *
     * @param data the buffer
     * @param offset where the image starts
     * @param extendedHeader whether the image has the ESP32-family 16-byte extended header (false for ESP8266)
     * @return the checked image
     * @throws ImageFormatException when any check fails
     */
    public static EspImage parse(byte[] data, int offset, boolean extendedHeader) throws ImageFormatException {
        int headerLength = HEADER + (extendedHeader ? EXTENDED_HEADER : 0);
        if (offset < 0 || offset > data.length || data.length - offset < headerLength) {
            throw new ImageFormatException(String.format("no ESP image at 0x%x: only %d bytes there, a header needs %d",
                    offset, Math.max(0, data.length - Math.max(0, offset)), headerLength));
        }
        int magic = u8(data, offset);
        if (magic != MAGIC) {
            throw new ImageFormatException(String.format("no ESP image at 0x%x: magic is 0x%02X, expected 0xE9", offset, magic));
        }
        int segmentCount = u8(data, offset + 1);
        if (segmentCount == 0 || segmentCount > MAX_SEGMENTS) {
            throw new ImageFormatException(String.format("ESP image at 0x%x claims %d segments (1..%d allowed)",
                    offset, segmentCount, MAX_SEGMENTS));
        }
        int flashMode = u8(data, offset + 2);
        int sizeFreq = u8(data, offset + 3);
        long entry = u32(data, offset + 4);
        int chipId = -1;
        int minRev = -1;
        int maxRev = -1;
        boolean hashAppended = false;
        if (extendedHeader) {
            chipId = u16(data, offset + 12);
            minRev = u16(data, offset + 15);
            maxRev = u16(data, offset + 17);
            int hashFlag = u8(data, offset + 23);
            if (hashFlag > 1) {
                throw new ImageFormatException(String.format("ESP image at 0x%x has hash-appended flag %d (0 or 1 allowed)",
                        offset, hashFlag));
            }
            hashAppended = hashFlag == 1;
        }
        List<EspSegment> segments = new ArrayList<>(segmentCount);
        int checksum = CHECKSUM_SEED;
        int pos = offset + headerLength;
        for (int i = 0; i < segmentCount; i++) {
            if (data.length - pos < 8) {
                throw new ImageFormatException(String.format("ESP image at 0x%x: segment %d header at 0x%x runs past the end (%d bytes)",
                        offset, i, pos, data.length));
            }
            long load = u32(data, pos);
            long length = u32(data, pos + 4);
            int dataStart = pos + 8;
            if (length > data.length - dataStart) {
                throw new ImageFormatException(String.format(
                        "ESP image at 0x%x: segment %d (load 0x%08x) is %d bytes but only %d remain; the file is truncated or corrupt",
                        offset, i, load, length, data.length - dataStart));
            }
            segments.add(new EspSegment(load, dataStart, (int) length));
            for (int j = dataStart, end = dataStart + (int) length; j < end; j++) {
                checksum ^= data[j];
            }
            pos = dataStart + (int) length;
        }
        checksum &= 0xFF;
        // esptool pads with zeros so that the checksum is the last byte of a 16-byte block
        int checksumPos = pos + (15 - ((pos - offset) % 16));
        if (checksumPos >= data.length) {
            throw new ImageFormatException(String.format("ESP image at 0x%x: checksum byte at 0x%x is past the end (%d bytes); truncated",
                    offset, checksumPos, data.length));
        }
        int stored = u8(data, checksumPos);
        if (stored != checksum) {
            throw new ImageFormatException(String.format("ESP image at 0x%x: checksum byte is 0x%02X, segments give 0x%02X; corrupt",
                    offset, stored, checksum));
        }
        int end = checksumPos + 1;
        if (hashAppended) {
            if (data.length - end < 32) {
                throw new ImageFormatException(String.format("ESP image at 0x%x: appended SHA-256 at 0x%x is past the end; truncated",
                        offset, end));
            }
            byte[] digest = sha256(data, offset, end - offset);
            if (!Arrays.equals(digest, 0, 32, data, end, end + 32)) {
                throw new ImageFormatException(String.format(
                        "ESP image at 0x%x: appended SHA-256 does not match the image (patched header or corrupt file)", offset));
            }
            end += 32;
        }
        return new EspImage(offset, end, flashMode, sizeFreq >> 4, sizeFreq & 0x0F, entry, chipId, minRev, maxRev,
                hashAppended, segments, checksum);
    }

    static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static int u8(byte[] d, int i) {
        return d[i] & 0xFF;
    }

    static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8;
    }

    static long u32(byte[] d, int i) {
        return ((d[i] & 0xFFL) | (d[i + 1] & 0xFFL) << 8 | (d[i + 2] & 0xFFL) << 16 | (d[i + 3] & 0xFFL) << 24);
    }
}
