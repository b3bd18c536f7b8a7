package org.mpysdk.core.flash;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.mpysdk.core.flash.chips.ChipSpec;
import org.mpysdk.core.flash.chips.ChipSpecs;

/**
 * The Espressif chips the SDK knows: every chip esptool 4.8 knows, beta variants included. Each is backed by
 * its {@link ChipSpec}, the one place its facts are kept as data (one small file per chip in
 * {@code org.mpysdk.core.flash.chips}); this enum gives the facts every module uses a name: the name
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
    ESP8266("esp8266"),
    /** ESP32 (D0WD, PICO, ...). */
    ESP32("esp32"),
    /** ESP32-S2. */
    ESP32_S2("esp32s2"),
    /** ESP32-S3. */
    ESP32_S3("esp32s3"),
    /** ESP32-C2 (ESP8684); described from esptool's sources; not {@link #fullySupported()}. */
    ESP32_C2("esp32c2"),
    /** ESP32-C3. */
    ESP32_C3("esp32c3"),
    /** ESP32-C5; described from esptool's sources; not {@link #fullySupported()}. */
    ESP32_C5("esp32c5"),
    /** ESP32-C6. Its ROM reads 80 MHz as 0 (a ROM divider quirk esptool works around the same way). */
    ESP32_C6("esp32c6"),
    /** ESP32-H2; described from esptool's sources; not {@link #fullySupported()}. */
    ESP32_H2("esp32h2"),
    /** ESP32-P4; described from esptool's sources; not {@link #fullySupported()}. */
    ESP32_P4("esp32p4"),
    /** ESP32-C61; described from esptool's sources; not {@link #fullySupported()}. */
    ESP32_C61("esp32c61"),
    // The pre-production chips esptool 4.8 still knows come last, so the ordinals above keep their values.
    /** ESP32-S3 beta 2 (pre-production). */
    ESP32_S3_BETA2("esp32s3beta2"),
    /** ESP32-C6 beta (pre-production). */
    ESP32_C6_BETA("esp32c6beta"),
    /** ESP32-H2 beta 1 (pre-production). */
    ESP32_H2_BETA1("esp32h2beta1"),
    /** ESP32-H2 beta 2 (pre-production). */
    ESP32_H2_BETA2("esp32h2beta2"),
    /** ESP32-C5 beta 3 (pre-production). */
    ESP32_C5_BETA3("esp32c5beta3");

    private final ChipSpec spec;

    Chip(String esptoolName) {
        // ChipSpecs never refers back to Chip, so this lookup cannot see a half-built enum.
        this.spec = ChipSpecs.named(esptoolName);
    }

    /** @return every fact about this chip, as data (image format, ROM loader, eFuse layout, SPI registers) */
    public ChipSpec spec() {
        return spec;
    }

    /** @return the name Espressif uses, for example {@code ESP32-S3} */
    public String displayName() {
        return spec.displayName();
    }

    /**
     * @return the ESP-IDF target name, for example {@code esp32s3}: what esptool's {@code --chip} takes and
     *     what MicroPython's board metadata calls the MCU
     */
    public String idfTarget() {
        return spec.esptoolName();
    }

    /** @return the chip id in an image's extended header (and in GET_SECURITY_INFO); empty for ESP8266 */
    public OptionalInt imageChipId() {
        int id = spec.image().imageChipId();
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * @return the bootloader offset, which is where MicroPython's {@code .bin} for this chip is written:
     *     0x1000 for ESP32 and ESP32-S2, 0x2000 for ESP32-C5 and ESP32-P4, 0x0 for the others
     */
    public long flashOffset() {
        return spec.image().bootloaderOffset();
    }

    /** @return whether images for this chip carry the 16-byte extended header (every chip but the ESP8266) */
    public boolean hasExtendedHeader() {
        return spec.image().hasExtendedHeader();
    }

    /**
     * @return whether the SDK counts the chip as fully supported (ESP8266, ESP32, S2, S3, C3, C6); the others are
     *     described from esptool's sources, and their description, revision and MAC are read the same way, but they
     *     have been tested less (see {@link ChipSpec#fullySupported()})
     */
    public boolean fullySupported() {
        return spec.fullySupported();
    }

    /**
     * @param size a flash size such as {@code "4MB"}
     * @return the high nibble of header byte 3 for this chip, already shifted ({@code 0x20} for 4MB on ESP32)
     * @throws IllegalArgumentException when the chip has no such size
     */
    public int flashSizeCode(String size) {
        return spec.image().sizeCode(size, displayName());
    }

    /**
     * Reads a header's flash size code back: the inverse of {@link #flashSizeCode(String)}.
     *
     * @param code the high nibble of header byte 3, shifted down ({@code 2} for 4MB on ESP32)
     * @return the size in bytes, or -1 for a code this chip does not use
     */
    public long flashSizeBytes(int code) {
        return spec.image().sizeBytes(code);
    }

    /**
     * @param freq a flash frequency such as {@code "40m"}
     * @return the low nibble of header byte 3 for this chip
     * @throws IllegalArgumentException when the chip has no such frequency
     */
    public int flashFreqCode(String freq) {
        return spec.image().frequencyCode(freq, displayName());
    }

    /**
     * Reads a header's flash frequency code back: the inverse of {@link #flashFreqCode(String)}.
     *
     * @param code the low nibble of header byte 3
     * @return the frequency's name ({@code "40m"}); where several share the code (the ESP32-C6 reads 80
     *     and 40 MHz as 0), the highest, as esptool prints it; empty for a code this chip does not use
     */
    public Optional<String> flashFreqName(int code) {
        return spec.image().frequencyCodes().entrySet().stream().filter(e -> e.getValue() == code).map(java.util.Map.Entry::getKey)
                .max(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.substring(0, f.length() - 1))));
    }

    /**
     * @param id the chip id at byte 12 of an image's extended header (0 ESP32, 2 ESP32-S2, 9 ESP32-S3, ...)
     * @return the chip whose images carry this chip id; empty for an id this SDK does not know
     */
    public static Optional<Chip> byImageChipId(int id) {
        for (Chip c : values()) {
            if (id >= 0 && c.spec.image().imageChipId() == id) {
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
                .filter(c -> key.startsWith(normalise(c.displayName())))
                .max(java.util.Comparator.comparingInt(c -> normalise(c.displayName()).length()))
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
        return displayName();
    }
}
