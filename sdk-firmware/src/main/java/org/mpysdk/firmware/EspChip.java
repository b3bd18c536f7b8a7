package org.mpysdk.firmware;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The Espressif chips MicroPython supports, as data: the id in an ESP image's extended header, the
 * MCU name the board metadata uses, where a MicroPython {@code .bin} goes in flash, and the generic
 * board to use when only the chip is known.
 *
 * <pre>{@code
 * EspChip.fromName("ESP32-D0WD-V3").orElseThrow().genericBoard(); // Optional[ESP32_GENERIC]
 * EspChip.ESP32_C5.flashOffset();                                  // 0x2000
 * }</pre>
 */
public enum EspChip {
    /** ESP8266 (and ESP8285): no chip id in its image header. */
    ESP8266("ESP8266", "esp8266", -1, 0x0, "ESP8266_GENERIC"),
    /** ESP32 (D0WD, D2WD, PICO, U4WDH ...). */
    ESP32("ESP32", "esp32", 0, 0x1000, "ESP32_GENERIC"),
    /** ESP32-S2. */
    ESP32_S2("ESP32-S2", "esp32s2", 2, 0x1000, "ESP32_GENERIC_S2"),
    /** ESP32-C3. */
    ESP32_C3("ESP32-C3", "esp32c3", 5, 0x0, "ESP32_GENERIC_C3"),
    /** ESP32-S3. */
    ESP32_S3("ESP32-S3", "esp32s3", 9, 0x0, "ESP32_GENERIC_S3"),
    /** ESP32-C2 (ESP8684). */
    ESP32_C2("ESP32-C2", "esp32c2", 12, 0x0, "ESP32_GENERIC_C2"),
    /** ESP32-C6. */
    ESP32_C6("ESP32-C6", "esp32c6", 13, 0x0, "ESP32_GENERIC_C6"),
    /** ESP32-H2. */
    ESP32_H2("ESP32-H2", "esp32h2", 16, 0x0, "ESP32_GENERIC_H2"),
    /** ESP32-P4: bootloader at 0x2000. */
    ESP32_P4("ESP32-P4", "esp32p4", 18, 0x2000, "ESP32_GENERIC_P4"),
    /** ESP32-C61: known to esptool, no MicroPython generic board yet. */
    ESP32_C61("ESP32-C61", "esp32c61", 20, 0x0, null),
    /** ESP32-C5: bootloader at 0x2000. */
    ESP32_C5("ESP32-C5", "esp32c5", 23, 0x2000, "ESP32_GENERIC_C5");

    private final String displayName;
    private final String mcu;
    private final int imageChipId;
    private final long flashOffset;
    private final String genericBoard;

    EspChip(String displayName, String mcu, int imageChipId, long flashOffset, String genericBoard) {
        this.displayName = displayName;
        this.mcu = mcu;
        this.imageChipId = imageChipId;
        this.flashOffset = flashOffset;
        this.genericBoard = genericBoard;
    }

    /** @return the name esptool prints, for example {@code ESP32-S3} */
    public String displayName() {
        return displayName;
    }

    /** @return the MCU name of MicroPython's board metadata, for example {@code esp32s3} */
    public String mcu() {
        return mcu;
    }

    /** @return the chip id of the image's extended header, or -1 for the ESP8266 (which has none) */
    public int imageChipId() {
        return imageChipId;
    }

    /** @return the flash address a MicroPython {@code .bin} for this chip is written at */
    public long flashOffset() {
        return flashOffset;
    }

    /** @return the micropython.org board id of the generic board for this chip, if there is one */
    public Optional<String> genericBoard() {
        return Optional.ofNullable(genericBoard);
    }

    /** @return whether images carry the ESP32-family extended header (every chip but the ESP8266) */
    public boolean isEsp32Family() {
        return this != ESP8266;
    }

    /** @return the chip whose images carry this extended-header chip id */
    public static Optional<EspChip> fromImageChipId(int chipId) {
        return Arrays.stream(values()).filter(c -> c.imageChipId == chipId && chipId >= 0).findFirst();
    }

    /** @return the chip for an MCU name of the board metadata, such as {@code esp32c3} */
    public static Optional<EspChip> fromMcu(String mcu) {
        return fromName(mcu);
    }

    /**
     * Finds the chip for a name as esptool, a bootloader or a user writes it: {@code ESP32-S3},
     * {@code esp32s3}, {@code ESP32-D0WD-V3 (revision v3.1)}, {@code ESP8285H16}.
     *
     * @return the chip whose name is the longest prefix of the normalised input
     */
    public static Optional<EspChip> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = normalise(name);
        if (key.startsWith("ESP8285") || key.startsWith("ESP8266")) {
            return Optional.of(ESP8266);
        }
        // Longest prefix wins, so "ESP32C61" is not read as "ESP32C6" and "ESP32S3" not as "ESP32".
        return Arrays.stream(values())
                .filter(c -> key.startsWith(normalise(c.displayName)))
                .max(Comparator.comparingInt(c -> normalise(c.displayName).length()))
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
}
