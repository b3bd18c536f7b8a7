package org.mpysdk.testkit.images;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.mpysdk.core.flash.Chip;

/**
 * Builds structurally valid MicroPython ESP firmware files for tests and demos: bootloader, partition
 * table and application images with real headers, checksums, appended SHA-256 and MD5 entries, and the
 * {@code MicroPython vX.Y.Z} banner, laid out as micropython.org publishes them. They pass every check of
 * the firmware verifier and the flasher, but do not boot.
 *
 * <pre>{@code
 * byte[] bin = TestFirmware.esp32Bin(Chip.ESP32_S3, "v1.27.0");
 * }</pre>
 */
public final class TestFirmware {
    /** Flash-size code 2: 4 MB on ESP32-family headers, 1 MB on ESP8266 headers. */
    public static final int SIZE_CODE = 2;

    private TestFirmware() {
    }

    /**
     * A full ESP32-family .bin as MicroPython publishes it: written at the chip's offset, banner of {@code version}.
     *
     * @param chip an ESP32-family chip
     * @param version the banner version, e.g. {@code v1.27.0}
     * @return bootloader, partition table and application, about 66 KB
     * @throws IllegalArgumentException for a chip whose images carry no chip id (the ESP8266)
     */
    public static byte[] esp32Bin(Chip chip, String version) {
        int id = chip.imageChipId().orElseThrow(() -> new IllegalArgumentException(chip + " images have no chip id; use esp8266Bin"));
        return esp32Bin(id, id, chip.flashOffset(), version, SIZE_CODE);
    }

    /**
     * A full ESP32-family .bin whose application carries {@code appBytes} of code-like, compressible data,
     * for flashing demos and benchmarks of realistic size (MicroPython's ESP32 images are about 1.6 MB).
     *
     * @param chip an ESP32-family chip
     * @param version the banner version, e.g. {@code v1.27.0}
     * @param appBytes size of the code-like segment, rounded down to a multiple of 4
     * @return bootloader, partition table and the large application
     * @throws IllegalArgumentException for a chip whose images carry no chip id (the ESP8266)
     */
    public static byte[] esp32Bin(Chip chip, String version, int appBytes) {
        int id = chip.imageChipId().orElseThrow(() -> new IllegalArgumentException(chip + " images have no chip id; use esp8266Bin"));
        return esp32Bin(id, id, chip.flashOffset(), version, SIZE_CODE, appBytes);
    }

    /**
     * A full ESP32-family .bin with every knob.
     *
     * @param bootChipId chip id in the bootloader header
     * @param appChipId chip id in the application header
     * @param base flash address of the file's first byte (the partition table lands at 0x8000 - base)
     * @param version banner version, e.g. {@code v1.27.0}; null for no banner
     * @param sizeCode flash-size code of the bootloader header
     * @return bootloader, partition table and application, with mismatches exactly as asked for
     */
    public static byte[] esp32Bin(int bootChipId, int appChipId, long base, String version, int sizeCode) {
        return esp32Bin(bootChipId, appChipId, base, version, sizeCode, 2048);
    }

    private static byte[] esp32Bin(int bootChipId, int appChipId, long base, String version, int sizeCode, int appBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, espImage(bootChipId, true, sizeCode, new long[] {0x3FFF0000L, 0x40078000L},
                new byte[][] {filler(96, 1), filler(160, 2)}));
        pad(out, (int) (0x8000 - base));
        write(out, partitionTable(true));
        pad(out, (int) (0x10000 - base));
        byte[] banner = version == null ? filler(64, 9)
                : ("MicroPython " + version + " on 2025-12-09; Generic module with ESP32\r\n\0").getBytes(StandardCharsets.US_ASCII);
        write(out, espImage(appChipId, true, sizeCode, new long[] {0x3F400020L, 0x40080000L, 0x400D0020L},
                new byte[][] {banner, filler(512, 3), codeLike(appBytes & ~3, 4)}));
        return out.toByteArray();
    }

    /**
     * An ESP32-family application image alone (.app-bin).
     *
     * @param chip an ESP32-family chip
     * @param version the banner version
     * @return one application image with its appended SHA-256
     * @throws java.util.NoSuchElementException for a chip whose images carry no chip id (the ESP8266)
     */
    public static byte[] appBin(Chip chip, String version) {
        byte[] banner = ("MicroPython " + version + " on 2025-12-09; test").getBytes(StandardCharsets.US_ASCII);
        return espImage(chip.imageChipId().orElseThrow(), true, SIZE_CODE, new long[] {0x3F400020L, 0x40080000L},
                new byte[][] {banner, filler(300, 5)});
    }

    /**
     * MicroPython's ESP8266 .bin: ROM image padded to 0x9000 with the length word, irom0 part, MD5 trailer.
     *
     * @param version the banner version
     * @return the whole file, written at 0x0
     */
    public static byte[] esp8266Bin(String version) {
        byte[] rom = espImage(-1, false, SIZE_CODE, new long[] {0x40100000L, 0x3FFE8000L},
                new byte[][] {filler(400, 6), filler(96, 7)});
        byte[] banner = ("MicroPython " + version + " on 2025-12-09; ESP module with ESP8266\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream irom = new ByteArrayOutputStream();
        write(irom, filler(4000, 8));
        write(irom, banner);
        write(irom, filler(1000, 10));
        byte[] iromBytes = irom.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, rom);
        pad(out, 0x9000 - 4);
        write(out, le32(0x9000 + iromBytes.length));
        write(out, iromBytes);
        byte[] body = out.toByteArray();
        byte[] md5 = digest("MD5", Arrays.copyOfRange(body, 4, body.length));
        out.write(md5, 0, md5.length);
        return out.toByteArray();
    }

    /**
     * One ESP image: header (+ extended header when chipId >= 0), segments, checksum, optional SHA-256.
     *
     * @param chipId the extended header's chip id, or negative for an ESP8266 image without one
     * @param hash whether to append the SHA-256 (needs an extended header to be announced)
     * @param sizeCode flash-size code for the header's high nibble of byte 3
     * @param loads the load address of each segment
     * @param segments the segments' data, as many as {@code loads}
     * @return the image bytes
     */
    public static byte[] espImage(int chipId, boolean hash, int sizeCode, long[] loads, byte[][] segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xE9);
        out.write(segments.length);
        out.write(2); // DIO
        out.write(sizeCode << 4);
        write(out, le32(0x40080000L));
        if (chipId >= 0) {
            byte[] ext = new byte[16];
            ext[0] = (byte) 0xEE; // WP pin: not used
            ext[4] = (byte) chipId;
            ext[5] = (byte) (chipId >> 8);
            ext[9] = (byte) 0xFF; // max revision full 0xFFFF: any
            ext[10] = (byte) 0xFF;
            ext[15] = (byte) (hash ? 1 : 0);
            write(out, ext);
        }
        int checksum = 0xEF;
        for (int i = 0; i < segments.length; i++) {
            write(out, le32(loads[i]));
            write(out, le32(segments[i].length));
            write(out, segments[i]);
            for (byte b : segments[i]) {
                checksum ^= b;
            }
        }
        while (out.size() % 16 != 15) {
            out.write(0);
        }
        out.write(checksum & 0xFF);
        if (hash) {
            write(out, digest("SHA-256", out.toByteArray()));
        }
        return out.toByteArray();
    }

    /**
     * nvs, phy_init, factory app at 0x10000, vfs; with or without the MD5 entry.
     *
     * @param md5 whether to add the MD5 entry ESP-IDF writes after the partitions
     * @return the table, ending in an empty (0xFF) entry
     */
    public static byte[] partitionTable(boolean md5) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "nvs", 1, 0x02, 0x9000, 0x6000);
        entry(out, "phy_init", 1, 0x01, 0xF000, 0x1000);
        entry(out, "factory", 0, 0x00, 0x10000, 0x1F0000);
        entry(out, "vfs", 1, 0x81, 0x200000, 0x200000);
        if (md5) {
            byte[] sum = digest("MD5", out.toByteArray());
            out.write(0xEB);
            out.write(0xEB);
            for (int i = 0; i < 14; i++) {
                out.write(0xFF);
            }
            out.write(sum, 0, 16);
        }
        for (int i = 0; i < 32; i++) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String label, int type, int subtype, long offset, long size) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xAA).put((byte) 0x50).put((byte) type).put((byte) subtype).putInt((int) offset).putInt((int) size);
        byte[] name = Arrays.copyOf(label.getBytes(StandardCharsets.US_ASCII), 16);
        b.put(name).putInt(0);
        write(out, b.array());
    }

    /**
     * Deterministic non-trivial bytes.
     *
     * @param n how many
     * @param seed varies the pattern, so two segments differ
     * @return the bytes
     */
    public static byte[] filler(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed * 17 + (i >> 3));
        }
        return b;
    }

    /**
     * Bytes that compress about as well as machine code (roughly 60%): a random walk over a small
     * alphabet with repeats, deterministic per seed.
     *
     * @param n how many
     * @param seed the random seed
     * @return the bytes
     */
    public static byte[] codeLike(int n, long seed) {
        byte[] b = new byte[n];
        java.util.Random r = new java.util.Random(seed);
        int i = 0;
        while (i < n) {
            if (i > 64 && r.nextInt(4) == 0) {
                int back = 1 + r.nextInt(Math.min(i, 4096));
                int len = Math.min(n - i, 3 + r.nextInt(12));
                for (int k = 0; k < len; k++, i++) {
                    b[i] = b[i - back];
                }
            } else {
                b[i++] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    private static void pad(ByteArrayOutputStream out, int upTo) {
        if (out.size() > upTo) {
            throw new IllegalStateException("test image part overlaps 0x" + Integer.toHexString(upTo));
        }
        while (out.size() < upTo) {
            out.write(0xFF);
        }
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
