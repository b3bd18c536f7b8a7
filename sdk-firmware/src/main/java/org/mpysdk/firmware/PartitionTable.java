package org.mpysdk.firmware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An ESP32 partition table: 32-byte entries starting with {@code AA 50}, optionally followed by an
 * MD5 entry ({@code EB EB}, 14 x FF, then the MD5 of the entries before it), ended by FF bytes.
 *
 * @param offsetInBuffer where the table starts in the buffer it was parsed from
 * @param partitions the entries in table order
 * @param md5Checked whether an MD5 entry was present (and matched)
 */
public record PartitionTable(int offsetInBuffer, List<Partition> partitions, boolean md5Checked) {
    /** The largest table esptool writes (0xC00 bytes). */
    public static final int MAX_LENGTH = 0xC00;
    private static final int ENTRY = 32;

    /**
     * Copies the list.
     *
     * @param offsetInBuffer where the table starts in the buffer it was parsed from
     * @param partitions the entries in table order, copied
     * @param md5Checked whether an MD5 entry was present (and matched)
     */
    public PartitionTable {
        partitions = List.copyOf(partitions);
    }

    /**
     * @param data a firmware file or flash dump
     * @param offset where a table might start in {@code data}: flash address 0x8000 less the file's own
     *     flash offset (0x7000 in an ESP32 {@code .bin}, which starts at 0x1000)
     * @return whether a table's first entry starts at {@code offset} (cheap probe, no full check)
     */
    public static boolean startsAt(byte[] data, int offset) {
        return offset >= 0 && data.length - offset >= ENTRY
                && (data[offset] & 0xFF) == 0xAA && (data[offset + 1] & 0xFF) == 0x50;
    }

    /**
     * Parses and checks the table at {@code offset}.
     *
     * @param data a firmware file or flash dump
     * @param offset where the table starts in {@code data}
     * @return the partitions, with whether an MD5 entry was checked
     * @throws ImageVerificationException when there is no table, an entry is malformed or the MD5 entry does not match
     */
    public static PartitionTable parse(byte[] data, int offset) throws ImageVerificationException {
        if (!startsAt(data, offset)) {
            throw new ImageVerificationException(String.format("no partition table at 0x%x (no AA 50 entry)", offset));
        }
        List<Partition> parts = new ArrayList<>();
        boolean md5 = false;
        int limit = Math.min(data.length, offset + MAX_LENGTH);
        int pos = offset;
        while (true) {
            if (limit - pos < ENTRY) {
                throw new ImageVerificationException(String.format("partition table at 0x%x has no end marker within 0x%x bytes",
                        offset, MAX_LENGTH));
            }
            int b0 = data[pos] & 0xFF;
            int b1 = data[pos + 1] & 0xFF;
            if (b0 == 0xAA && b1 == 0x50) {
                parts.add(entry(data, pos));
            } else if (b0 == 0xEB && b1 == 0xEB) {
                checkMd5(data, offset, pos);
                md5 = true;
            } else if (b0 == 0xFF && b1 == 0xFF) {
                break;
            } else {
                throw new ImageVerificationException(String.format("partition table at 0x%x: entry at 0x%x starts %02X %02X, "
                        + "expected AA 50, EB EB or FF FF", offset, pos, b0, b1));
            }
            pos += ENTRY;
        }
        if (parts.isEmpty()) {
            throw new ImageVerificationException(String.format("partition table at 0x%x has no entries", offset));
        }
        checkOverlaps(parts, offset);
        return new PartitionTable(offset, parts, md5);
    }

    private static Partition entry(byte[] d, int pos) {
        int end = pos + 12;
        while (end < pos + 28 && d[end] != 0) {
            end++;
        }
        String label = new String(d, pos + 12, end - (pos + 12), StandardCharsets.US_ASCII);
        return new Partition(label, d[pos + 2] & 0xFF, d[pos + 3] & 0xFF, LittleEndian.u32(d, pos + 4),
                LittleEndian.u32(d, pos + 8), LittleEndian.u32(d, pos + 28));
    }

    private static void checkMd5(byte[] d, int tableStart, int pos) throws ImageVerificationException {
        for (int i = pos + 2; i < pos + 16; i++) {
            if ((d[i] & 0xFF) != 0xFF) {
                throw new ImageVerificationException(String.format("partition table MD5 entry at 0x%x is malformed", pos));
            }
        }
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(d, tableStart, pos - tableStart);
            if (!Arrays.equals(md.digest(), 0, 16, d, pos + 16, pos + 32)) {
                throw new ImageVerificationException(String.format("partition table at 0x%x: MD5 entry does not match the entries; corrupt",
                        tableStart));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    private static void checkOverlaps(List<Partition> parts, int tableStart) throws ImageVerificationException {
        List<Partition> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingLong(Partition::offset));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).offset() < sorted.get(i - 1).end()) {
                throw new ImageVerificationException(String.format("partition table at 0x%x: '%s' overlaps '%s'", tableStart,
                        sorted.get(i).label(), sorted.get(i - 1).label()));
            }
        }
    }

    /** @return the application partition booted first: factory if present, else the first OTA slot */
    public Optional<Partition> bootApp() {
        return partitions.stream().filter(Partition::isApp)
                .min(Comparator.comparingInt(p -> p.subtype() == 0 ? -1 : p.subtype()));
    }

    /** @return the highest flash address any partition uses */
    public long end() {
        return partitions.stream().mapToLong(Partition::end).max().orElse(0);
    }
}
