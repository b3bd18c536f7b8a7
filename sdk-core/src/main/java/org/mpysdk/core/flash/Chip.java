package org.mpysdk.core.flash;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Espressif chips the SDK knows, and the one table of their facts every module uses: the name
 * Espressif prints, the ESP-IDF target name, the chip id of an image's extended header, where
 * MicroPython's {@code .bin} goes in their flash (the bootloader offset) and the header's flash
 * size and frequency codes.
 *
 * <pre>{@code
 * Chip chip = Chip.parse("esp32s3");          // also "ESP32-S3", "ESP32_S3"
 * long offset = chip.flashOffset();           // 0x0
 * Chip.fromName("ESP32-D0WD-V3 (revision v3.1)"); // Optional[ESP32]
 * }</pre>
 */
public enum Chip {
    /** ESP8266 and ESP8285; images have no extended header. */
    ESP8266("ESP8266", -1, 0x0, true, Tables.ESP8266_SIZES, Tables.STANDARD_FREQS),
    /** ESP32 (D0WD, PICO, ...). */
    ESP32("ESP32", 0, 0x1000, true, Tables.ESP32_SIZES, Tables.STANDARD_FREQS),
    /** ESP32-S2. */
    ESP32_S2("ESP32-S2", 2, 0x1000, true, Tables.ESP32_SIZES, Tables.STANDARD_FREQS),
    /** ESP32-S3. */
    ESP32_S3("ESP32-S3", 9, 0x0, true, Tables.ESP32_SIZES, Tables.STANDARD_FREQS),
    /** ESP32-C2 (ESP8684); recognised, not every detail is read. */
    ESP32_C2("ESP32-C2", 12, 0x0, false, Tables.ESP32_SIZES, Map.of("60m", 0xF, "30m", 0x0, "20m", 0x1, "15m", 0x2)),
    /** ESP32-C3. */
    ESP32_C3("ESP32-C3", 5, 0x0, true, Tables.ESP32_SIZES, Tables.STANDARD_FREQS),
    /** ESP32-C5; recognised, not every detail is read. */
    ESP32_C5("ESP32-C5", 23, 0x2000, false, Tables.ESP32_SIZES, Map.of("80m", 0xF, "40m", 0x0, "20m", 0x2)),
    /** ESP32-C6. Its ROM reads 80 MHz as 0 (a ROM divider quirk esptool works around the same way). */
    ESP32_C6("ESP32-C6", 13, 0x0, true, Tables.ESP32_SIZES, Map.of("80m", 0x0, "40m", 0x0, "20m", 0x2)),
    /** ESP32-H2; recognised, not every detail is read. */
    ESP32_H2("ESP32-H2", 16, 0x0, false, Tables.ESP32_SIZES, Map.of("48m", 0xF, "24m", 0x0, "16m", 0x1, "12m", 0x2)),
    /** ESP32-P4; recognised, not every detail is read. */
    ESP32_P4("ESP32-P4", 18, 0x2000, false, Tables.ESP32_SIZES, Map.of("80m", 0xF, "40m", 0x0, "20m", 0x2)),
    /** ESP32-C61; recognised, not every detail is read. Its header codes are the ESP32-C6's (esptool derives it from the C6). */
    ESP32_C61("ESP32-C61", 20, 0x0, false, Tables.ESP32_SIZES, Map.of("80m", 0x0, "40m", 0x0, "20m", 0x2));

    private final String displayName;
    private final int imageChipId;
    private final long flashOffset;
    private final boolean fullySupported;
    private final Map<String, Integer> sizeCodes;
    private final Map<String, Integer> freqCodes;

    Chip(String displayName, int imageChipId, long flashOffset, boolean fullySupported,
            Map<String, Integer> sizeCodes, Map<String, Integer> freqCodes) {
        this.displayName = displayName;
        this.imageChipId = imageChipId;
        this.flashOffset = flashOffset;
        this.fullySupported = fullySupported;
        this.sizeCodes = sizeCodes;
        this.freqCodes = freqCodes;
    }

    /** @return the name Espressif uses, for example {@code ESP32-S3} */
    public String displayName() {
        return displayName;
    }

    /**
     * @return the ESP-IDF target name, for example {@code esp32s3}: what esptool's {@code --chip} takes and
     *     what MicroPython's board metadata calls the MCU
     */
    public String idfTarget() {
        return name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** @return the chip id in an image's extended header (and in GET_SECURITY_INFO); empty for ESP8266 */
    public OptionalInt imageChipId() {
        return imageChipId < 0 ? OptionalInt.empty() : OptionalInt.of(imageChipId);
    }

    /**
     * @return the bootloader offset, which is where MicroPython's {@code .bin} for this chip is written:
     *     0x1000 for ESP32 and ESP32-S2, 0x2000 for ESP32-C5 and ESP32-P4, 0x0 for the others
     */
    public long flashOffset() {
        return flashOffset;
    }

    /** @return whether images for this chip carry the 16-byte extended header (every chip but the ESP8266) */
    public boolean hasExtendedHeader() {
        return this != ESP8266;
    }

    /** @return whether description, revision and MAC are read for this chip (the others are recognised by id) */
    public boolean fullySupported() {
        return fullySupported;
    }

    /**
     * @param size a flash size such as {@code "4MB"}
     * @return the high nibble of header byte 3 for this chip, already shifted ({@code 0x20} for 4MB on ESP32)
     * @throws IllegalArgumentException when the chip has no such size
     */
    public int flashSizeCode(String size) {
        Integer code = sizeCodes.get(size.toUpperCase(Locale.ROOT));
        if (code == null) {
            throw new IllegalArgumentException("flash size '" + size + "' is not valid for " + displayName
                    + "; use one of " + new java.util.TreeSet<>(sizeCodes.keySet()));
        }
        return code;
    }

    /**
     * Reads a header's flash size code back: the inverse of {@link #flashSizeCode(String)}.
     *
     * @param code the high nibble of header byte 3, shifted down ({@code 2} for 4MB on ESP32)
     * @return the size in bytes, or -1 for a code this chip does not use
     */
    public long flashSizeBytes(int code) {
        for (Map.Entry<String, Integer> e : sizeCodes.entrySet()) {
            if (e.getValue() == code << 4) {
                String size = e.getKey().replace("-C1", ""); // ESP8266 "2MB-C1": 2 MB in another layout
                long unit = size.endsWith("KB") ? 1L << 10 : 1L << 20;
                return Long.parseLong(size.substring(0, size.length() - 2)) * unit;
            }
        }
        return -1;
    }

    /**
     * @param freq a flash frequency such as {@code "40m"}
     * @return the low nibble of header byte 3 for this chip
     * @throws IllegalArgumentException when the chip has no such frequency
     */
    public int flashFreqCode(String freq) {
        Integer code = freqCodes.get(freq.toLowerCase(Locale.ROOT));
        if (code == null) {
            throw new IllegalArgumentException("flash frequency '" + freq + "' is not valid for " + displayName
                    + "; use one of " + new java.util.TreeSet<>(freqCodes.keySet()));
        }
        return code;
    }

    /**
     * Reads a header's flash frequency code back: the inverse of {@link #flashFreqCode(String)}.
     *
     * @param code the low nibble of header byte 3
     * @return the frequency's name ({@code "40m"}); where several share the code (the ESP32-C6 reads 80
     *     and 40 MHz as 0), the highest, as esptool prints it; empty for a code this chip does not use
     */
    public Optional<String> flashFreqName(int code) {
        return freqCodes.entrySet().stream().filter(e -> e.getValue() == code).map(Map.Entry::getKey)
                .max(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.substring(0, f.length() - 1))));
    }

    /**
     * @param id the chip id at byte 12 of an image's extended header (0 ESP32, 2 ESP32-S2, 9 ESP32-S3, ...)
     * @return the chip whose images carry this chip id; empty for an id this SDK does not know
     */
    public static Optional<Chip> byImageChipId(int id) {
        for (Chip c : values()) {
            if (c.imageChipId == id && id >= 0) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name {@code ESP32-S3}, {@code esp32s3}, {@code ESP32_S3} and similar spellings
     * @return the chip so named
     * @throws IllegalArgumentException for an unknown chip, listing the known ones
     */
    public static Chip parse(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Chip c : values()) {
            if (c.name().replace("_", "").equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown chip '" + name + "'; known: " + java.util.Arrays.toString(values()));
    }

    /**
     * Finds the chip for a name as esptool, a bootloader, board metadata or a user writes it: {@code ESP32-S3},
     * {@code esp32s3}, {@code ESP32-D0WD-V3 (revision v3.1)}, {@code ESP8285H16}. Unlike {@link #parse}, the
     * name may go on after the chip's name (part numbers, packages, revisions).
     *
     * @param name the name, or null
     * @return the chip whose name is the longest prefix of the normalised input; empty for null, unknown
     *     chips and unknown members of the ESP32 family (such as {@code ESP32-S4})
     */
    public static Optional<Chip> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = normalise(name);
        if (key.startsWith("ESP8285") || key.startsWith("ESP8266")) {
            return Optional.of(ESP8266);
        }
        // Longest prefix wins, so "ESP32C61" is not read as "ESP32C6" and "ESP32S3" not as "ESP32".
        return java.util.Arrays.stream(values())
                .filter(c -> key.startsWith(normalise(c.displayName)))
                .max(java.util.Comparator.comparingInt(c -> normalise(c.displayName).length()))
                .filter(c -> c != ESP32 || !looksLikeOtherFamilyMember(key));
    }

    // "ESP32-S4" must not be read as an ESP32: after "ESP32", a letter S/C/H/P plus digit names another chip.
    private static boolean looksLikeOtherFamilyMember(String key) {
        return key.length() >= 7 && "SCHP".indexOf(key.charAt(5)) >= 0 && Character.isDigit(key.charAt(6));
    }

    private static String normalise(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    @Override
    public String toString() {
        return displayName;
    }

    /** Header code tables shared by several chips (esptool's FLASH_SIZES / FLASH_FREQUENCY). */
    private static final class Tables {
        static final Map<String, Integer> ESP8266_SIZES = Map.of("512KB", 0x00, "256KB", 0x10, "1MB", 0x20,
                "2MB", 0x30, "4MB", 0x40, "2MB-C1", 0x50, "4MB-C1", 0x60, "8MB", 0x80, "16MB", 0x90);
        static final Map<String, Integer> ESP32_SIZES = Map.of("1MB", 0x00, "2MB", 0x10, "4MB", 0x20, "8MB", 0x30,
                "16MB", 0x40, "32MB", 0x50, "64MB", 0x60, "128MB", 0x70);
        static final Map<String, Integer> STANDARD_FREQS = Map.of("80m", 0xF, "40m", 0x0, "26m", 0x1, "20m", 0x2);
    }
}
