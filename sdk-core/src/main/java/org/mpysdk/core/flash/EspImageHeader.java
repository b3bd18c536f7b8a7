package org.mpysdk.core.flash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An ESP firmware image (a bootloader or an application, for example at the start of a MicroPython
 * {@code .bin}), parsed: which chip it is for, its flash settings, its segments, and whether its checksum
 * and appended SHA-256 match. This is the SDK's one parser of the image format; the flasher, the
 * firmware verifier and the header patcher all read images through it.
 *
 * <p>Layout: magic 0xE9, segment count, flash mode, size/frequency nibbles, entry (4 bytes); on every
 * chip but the ESP8266 a 16-byte extended header follows (chip id at byte 12, revision range, "hash
 * appended" at byte 23); then the segments (load address, length, data); zero padding so that the
 * checksum byte ends a 16-byte line; then, when appended, 32 bytes of SHA-256 over everything before.
 *
 * <p>Parsing fails ({@link MalformedImageException}) only when the structure is broken (magic, segment
 * table, lengths past the end); a wrong checksum or digest is reported by {@link #checksumValid()} and
 * {@link #hashValid()}, so callers decide (see {@link #requireIntact()}). Every loop is bounded by the
 * segment count (at most 16) and the buffer length, so garbage ends quickly.
 *
 * <pre>{@code
 * EspImageHeader h = EspImageHeader.parse(bin);
 * h.chip();          // Optional[ESP32]
 * h.flashMode();     // 2 (DIO)
 * EspImageHeader app = EspImageHeader.parse(bin, 0xF000, true).requireIntact(); // the image at 0xF000
 * }</pre>
 *
 * @param start where the image starts in the buffer it was parsed from
 * @param flashMode header byte 2 (0 QIO, 1 QOUT, 2 DIO, 3 DOUT)
 * @param flashSizeFreq header byte 3 (size in the high nibble, frequency in the low)
 * @param entry entry point address
 * @param extended whether the 16-byte extended header is present
 * @param chipId the extended header's chip id, or -1 without one
 * @param minRevFull minimum chip revision (major * 100 + minor), 0 without extended header
 * @param maxRevFull maximum chip revision, 0 when unset
 * @param hashAppended whether a SHA-256 follows the checksum
 * @param segments the segments in file order
 * @param dataLength bytes from the start through the checksum byte (what the SHA-256 covers)
 * @param checksum the checksum the segment data gives (0xEF XOR every data byte)
 * @param storedChecksum the checksum byte the image holds
 * @param hashValid whether the appended SHA-256 matches (true when none is appended)
 */
public record EspImageHeader(int start, int flashMode, int flashSizeFreq, long entry, boolean extended,
        int chipId, int minRevFull, int maxRevFull, boolean hashAppended, List<EspSegment> segments, int dataLength,
        int checksum, int storedChecksum, boolean hashValid) {

    /** First byte of every image. */
    public static final int MAGIC = 0xE9;
    /** Length of the appended digest. */
    public static final int SHA256_LENGTH = 32;
    /** esptool's limit on the segment count. */
    public static final int MAX_SEGMENTS = 16;
    private static final int COMMON_HEADER = 8;
    private static final int EXTENDED_HEADER = 16;
    private static final int CHECKSUM_SEED = 0xEF;
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Normally built by {@link #parse}; the fields are as described on the type.
     *
     * @param start where the image starts in its buffer
     * @param flashMode header byte 2
     * @param flashSizeFreq header byte 3
     * @param entry entry point address
     * @param extended whether the extended header is present
     * @param chipId the extended header's chip id, or -1
     * @param minRevFull minimum chip revision
     * @param maxRevFull maximum chip revision
     * @param hashAppended whether a SHA-256 follows the checksum
     * @param segments the segments in file order, copied
     * @param dataLength bytes from the start through the checksum byte
     * @param checksum the checksum the segment data gives
     * @param storedChecksum the checksum byte the image holds
     * @param hashValid whether the appended SHA-256 matches
     */
    public EspImageHeader {
        segments = List.copyOf(segments);
    }

    /**
     * Parses the image at the start of {@code data}, deciding from its content whether it has the
     * extended header (an ESP8266 image has a load address where the extended header would be).
     *
     * @param data a firmware file or flash dump whose first byte is the image's magic
     * @return the parsed header, segments and check results
     * @throws MalformedImageException when the bytes are not a well-formed image; the message says what is wrong
     */
    public static EspImageHeader parse(byte[] data) throws MalformedImageException {
        if (data.length < COMMON_HEADER + 8) {
            throw new MalformedImageException("no ESP image at 0x0: " + data.length
                    + " bytes are too short for an ESP image header");
        }
        return parse(data, !looksLikeEsp8266(data));
    }

    /**
     * Parses the image at the start of {@code data}, with or without the extended header.
     *
     * @param data a firmware file or flash dump whose first byte is the image's magic
     * @param extended whether the image has the 16-byte extended header (every chip but the ESP8266)
     * @return the parsed header, segments and check results
     * @throws MalformedImageException when the bytes are not a well-formed image
     */
    public static EspImageHeader parse(byte[] data, boolean extended) throws MalformedImageException {
        return parse(data, 0, extended);
    }

    /**
     * Parses the image that starts at {@code start} in {@code data}.
     *
     * @param data the buffer (a whole firmware file, say)
     * @param start where the image starts
     * @param extended whether the image has the 16-byte extended header (every chip but the ESP8266)
     * @return the parsed header, segments and check results; offsets in it are into {@code data}
     * @throws MalformedImageException when the bytes there are not a well-formed image; the message names the offset
     */
    public static EspImageHeader parse(byte[] data, int start, boolean extended) throws MalformedImageException {
        int headerLength = COMMON_HEADER + (extended ? EXTENDED_HEADER : 0);
        if (start < 0 || start > data.length || data.length - start < headerLength) {
            throw new MalformedImageException(String.format("no ESP image at 0x%x: only %d bytes there, its header needs %d",
                    start, Math.max(0, data.length - Math.max(0, start)), headerLength));
        }
        int magic = data[start] & 0xFF;
        if (magic != MAGIC) {
            throw new MalformedImageException(String.format("no ESP image at 0x%x: first byte is 0x%02X, expected 0xE9 "
                    + "(is this a .bin for an ESP chip, placed at the right offset?)", start, magic));
        }
        int segmentCount = data[start + 1] & 0xFF;
        if (segmentCount == 0 || segmentCount > MAX_SEGMENTS) {
            throw new MalformedImageException(String.format("corrupt ESP image header at 0x%x: %d segments (expected 1 to %d)",
                    start, segmentCount, MAX_SEGMENTS));
        }
        int flashMode = data[start + 2] & 0xFF;
        if (flashMode > 3) {
            throw new MalformedImageException(String.format("corrupt ESP image header at 0x%x: flash mode byte %d (expected 0-3)",
                    start, flashMode));
        }
        int chipId = -1;
        int minRev = 0;
        int maxRev = 0;
        boolean hash = false;
        if (extended) {
            chipId = u16(data, start + 12);
            minRev = u16(data, start + 15);
            maxRev = u16(data, start + 17);
            int hashByte = data[start + 23] & 0xFF;
            if (hashByte > 1) {
                throw new MalformedImageException(String.format(
                        "corrupt extended header at 0x%x: hash-appended byte is 0x%02X (expected 0 or 1)", start, hashByte));
            }
            hash = hashByte == 1;
        }
        List<EspSegment> segments = new ArrayList<>(segmentCount);
        int checksum = CHECKSUM_SEED;
        int pos = start + headerLength;
        for (int i = 0; i < segmentCount; i++) {
            if (data.length - pos < 8) {
                throw new MalformedImageException(String.format("corrupt ESP image at 0x%x: segment %d header at 0x%x lies "
                        + "past the end (%d bytes); the file is truncated or not an image", start, i, pos, data.length));
            }
            long load = u32(data, pos);
            long length = u32(data, pos + 4);
            int dataStart = pos + 8;
            if (length > data.length - dataStart) {
                throw new MalformedImageException(String.format("corrupt ESP image at 0x%x: segment %d (load 0x%08x) claims "
                        + "%d bytes at 0x%x, past the end of the %d-byte file; the file is truncated or corrupt",
                        start, i, load, length, dataStart, data.length));
            }
            segments.add(new EspSegment(load, dataStart, (int) length));
            for (int j = dataStart, end = dataStart + (int) length; j < end; j++) {
                checksum ^= data[j] & 0xFF;
            }
            pos = dataStart + (int) length;
        }
        // esptool pads with zeros so that the checksum is the last byte of a 16-byte line.
        int checksumAt = pos + (15 - (pos - start) % 16);
        if (checksumAt >= data.length) {
            throw new MalformedImageException(String.format("corrupt ESP image at 0x%x: checksum byte at 0x%x lies past the "
                    + "end (%d bytes); the file is truncated", start, checksumAt, data.length));
        }
        int dataEnd = checksumAt + 1;
        boolean hashValid = true;
        if (hash) {
            if (data.length - dataEnd < SHA256_LENGTH) {
                throw new MalformedImageException(String.format("corrupt ESP image at 0x%x: the appended SHA-256 at 0x%x lies "
                        + "past the end (%d bytes); the file is truncated", start, dataEnd, data.length));
            }
            hashValid = Arrays.equals(sha256(data, start, dataEnd - start), 0, SHA256_LENGTH,
                    data, dataEnd, dataEnd + SHA256_LENGTH);
        }
        return new EspImageHeader(start, flashMode, data[start + 3] & 0xFF, u32(data, start + 4), extended, chipId,
                minRev, maxRev, hash, segments, dataEnd - start, checksum, data[checksumAt] & 0xFF, hashValid);
    }

    /** @return the number of segments (1 to 16) */
    public int segmentCount() {
        return segments.size();
    }

    /** @return whether the checksum byte matches the segment data */
    public boolean checksumValid() {
        return checksum == storedChecksum;
    }

    /** @return the offset just after the image in the parsed buffer (after the digest when one is appended) */
    public int end() {
        return start + length();
    }

    /** @return the image's length in bytes, the appended digest included */
    public int length() {
        return dataLength + (hashAppended ? SHA256_LENGTH : 0);
    }

    /**
     * @return this image, when its checksum and appended SHA-256 match its content
     * @throws MalformedImageException naming the check that failed, when one does
     */
    public EspImageHeader requireIntact() throws MalformedImageException {
        if (!checksumValid()) {
            throw new MalformedImageException(String.format("ESP image at 0x%x: its checksum byte 0x%02X does not match "
                    + "its segments (0x%02X); the file is corrupt, download it again", start, storedChecksum, checksum));
        }
        if (!hashValid) {
            throw new MalformedImageException(String.format("ESP image at 0x%x: its appended SHA-256 does not match its "
                    + "content (a patched header or a corrupt file); download it again", start));
        }
        return this;
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

    /**
     * @return the flash size in bytes the header declares, read with the table of {@link #chip()}; -1 for a
     *     code that chip does not use or an unknown chip
     */
    public long declaredFlashSize() {
        return chip().map(c -> c.flashSizeBytes(flashSizeCode())).orElse(-1L);
    }

    /** @return the SHA-256 of {@code data[0, length)} */
    static byte[] sha256(byte[] data, int length) {
        return sha256(data, 0, length);
    }

    private static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An ESP8266 image has the first segment's load address (in its RAM or flash map) right after the header. */
    private static boolean looksLikeEsp8266(byte[] data) {
        long address = u32(data, 8);
        return (address >= 0x3FFE8000L && address < 0x40000000L)      // DRAM
                || (address >= 0x40100000L && address < 0x40108000L)  // IRAM
                || (address >= 0x40200000L && address < 0x40300000L); // IROM map
    }

    private static int u16(byte[] b, int at) {
        return Short.toUnsignedInt((short) LE16.get(b, at));
    }

    private static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong((int) LE32.get(b, at));
    }
}
