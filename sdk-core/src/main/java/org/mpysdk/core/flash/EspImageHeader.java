package org.mpysdk.core.flash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The header of an ESP firmware image (the bootloader at the start of a MicroPython {@code .bin}), with
 * the facts the flasher needs: which chip it is for, its flash settings, where its checksum and
 * appended SHA-256 sit, and whether those match.
 *
 * <p>Layout: magic 0xE9, segment count, flash mode, size/frequency nibbles, entry (4 bytes); on every
 * chip but the ESP8266 a 16-byte extended header follows (chip id at byte 12, revision range, "hash
 * appended" at byte 23); then the segments (load address, length, data); zero padding so that the
 * checksum byte ends a 16-byte line; then, when appended, 32 bytes of SHA-256 over everything before.
 *
 * <pre>{@code
 * EspImageHeader h = EspImageHeader.parse(bin);
 * h.chip();          // Optional[ESP32]
 * h.flashMode();     // 2 (DIO)
 * }</pre>
 *
 * @param segmentCount number of segments
 * @param flashMode header byte 2 (0 QIO, 1 QOUT, 2 DIO, 3 DOUT)
 * @param flashSizeFreq header byte 3 (size in the high nibble, frequency in the low)
 * @param entry entry point address
 * @param extended whether the 16-byte extended header is present
 * @param chipId the extended header's chip id, or -1 without one
 * @param minRevFull minimum chip revision (major * 100 + minor), 0 without extended header
 * @param maxRevFull maximum chip revision, 0 when unset
 * @param hashAppended whether a SHA-256 follows the checksum
 * @param dataLength bytes from the start through the checksum byte (what the SHA-256 covers)
 * @param checksumValid whether the XOR checksum matches the segment data
 * @param hashValid whether the appended SHA-256 matches (true when none is appended)
 */
public record EspImageHeader(int segmentCount, int flashMode, int flashSizeFreq, long entry, boolean extended,
        int chipId, int minRevFull, int maxRevFull, boolean hashAppended, int dataLength, boolean checksumValid,
        boolean hashValid) {

    /** First byte of every image. */
    public static final int MAGIC = 0xE9;
    /** Length of the appended digest. */
    public static final int SHA256_LENGTH = 32;
    private static final int COMMON_HEADER = 8;
    private static final int EXTENDED_HEADER = 16;
    private static final int MAX_SEGMENTS = 16;

    /**
     * Parses the image at the start of {@code data}, deciding from its content whether it has the
     * extended header (an ESP8266 image has a load address where the extended header would be).
     *
     * @throws ImageFormatException when the bytes are not a well-formed image; the message says what is wrong
     */
    public static EspImageHeader parse(byte[] data) throws ImageFormatException {
        if (data.length < COMMON_HEADER + 8) {
            throw new ImageFormatException("image of " + data.length + " bytes is too short for an ESP image header");
        }
        return parse(data, !looksLikeEsp8266(data));
    }

    /**
     * Parses the image at the start of {@code data}, with or without the extended header.
     *
     * @throws ImageFormatException when the bytes are not a well-formed image
     */
    public static EspImageHeader parse(byte[] data, boolean extended) throws ImageFormatException {
        int headerLength = COMMON_HEADER + (extended ? EXTENDED_HEADER : 0);
        if (data.length < headerLength) {
            throw new ImageFormatException("image of " + data.length + " bytes is shorter than its " + headerLength
                    + "-byte header");
        }
        if ((data[0] & 0xFF) != MAGIC) {
            throw new ImageFormatException(String.format(
                    "not an ESP image: first byte is 0x%02X, expected 0xE9 (is this a .bin for an ESP chip, "
                            + "placed at the right offset?)", data[0] & 0xFF));
        }
        int segments = data[1] & 0xFF;
        if (segments == 0 || segments > MAX_SEGMENTS) {
            throw new ImageFormatException("corrupt image header: " + segments + " segments (expected 1 to "
                    + MAX_SEGMENTS + ")");
        }
        int flashMode = data[2] & 0xFF;
        if (flashMode > 3) {
            throw new ImageFormatException("corrupt image header: flash mode byte " + flashMode + " (expected 0-3)");
        }
        int chipId = -1;
        int minRev = 0;
        int maxRev = 0;
        boolean hash = false;
        if (extended) {
            chipId = le16(data, 12);
            minRev = le16(data, 15);
            maxRev = le16(data, 17);
            int hashByte = data[23] & 0xFF;
            if (hashByte > 1) {
                throw new ImageFormatException(String.format(
                        "corrupt extended header: hash-appended byte is 0x%02X (expected 0 or 1)", hashByte));
            }
            hash = hashByte == 1;
        }
        int pos = headerLength;
        int checksum = 0xEF;
        for (int i = 0; i < segments; i++) {
            if (pos + 8 > data.length) {
                throw new ImageFormatException("corrupt image: segment " + i + " header at byte " + pos
                        + " lies past the end (" + data.length + " bytes); the file is truncated or not an image");
            }
            long length = le32(data, pos + 4);
            if (length > data.length - pos - 8) {
                throw new ImageFormatException("corrupt image: segment " + i + " claims " + length + " bytes at byte "
                        + (pos + 8) + ", past the end of the " + data.length + "-byte file");
            }
            for (int j = pos + 8; j < pos + 8 + length; j++) {
                checksum ^= data[j] & 0xFF;
            }
            pos += 8 + (int) length;
        }
        // Padding so that the checksum is the last byte of a 16-byte line.
        int checksumAt = pos + (15 - pos % 16);
        if (checksumAt >= data.length) {
            throw new ImageFormatException("corrupt image: checksum byte at " + checksumAt + " lies past the end ("
                    + data.length + " bytes)");
        }
        boolean checksumValid = (data[checksumAt] & 0xFF) == checksum;
        int dataLength = checksumAt + 1;
        boolean hashValid = true;
        if (hash) {
            if (dataLength + SHA256_LENGTH > data.length) {
                throw new ImageFormatException("corrupt image: the appended SHA-256 at " + dataLength
                        + " lies past the end (" + data.length + " bytes)");
            }
            hashValid = Arrays.equals(sha256(data, dataLength),
                    Arrays.copyOfRange(data, dataLength, dataLength + SHA256_LENGTH));
        }
        return new EspImageHeader(segments, flashMode, data[3] & 0xFF, le32(data, 4), extended, chipId, minRev, maxRev,
                hash, dataLength, checksumValid, hashValid);
    }

    /** @return the chip the image is for: from the extended header's chip id, ESP8266 without one */
    public Optional<Chip> chip() {
        return extended ? Chip.byImageChipId(chipId) : Optional.of(Chip.ESP8266);
    }

    /** @return the flash size code (header byte 3, high nibble, shifted down) */
    public int flashSizeCode() {
        return flashSizeFreq >> 4;
    }

    /** @return the flash frequency code (header byte 3, low nibble) */
    public int flashFreqCode() {
        return flashSizeFreq & 0x0F;
    }

    /** @return the SHA-256 of {@code data[0, length)} */
    static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An ESP8266 image has the first segment's load address (in its RAM or flash map) right after the header. */
    private static boolean looksLikeEsp8266(byte[] data) {
        long address = le32(data, 8);
        return (address >= 0x3FFE8000L && address < 0x40000000L)      // DRAM
                || (address >= 0x40100000L && address < 0x40108000L)  // IRAM
                || (address >= 0x40200000L && address < 0x40300000L); // IROM map
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long le32(byte[] b, int at) {
        return ((b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24);
    }
}
