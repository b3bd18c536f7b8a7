package org.mpysdk.core.flash.chips;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a chip's flash images look like to the host: the chip id of the extended header, where the bootloader
 * (and so MicroPython's {@code .bin}) goes, and the codes of header byte 3.
 *
 * @param imageChipId esptool's {@code IMAGE_CHIP_ID}, or -1 for the ESP8266 (its images have no extended header)
 * @param bootloaderOffset esptool's {@code BOOTLOADER_FLASH_OFFSET}
 * @param sizeCodes flash size to the high nibble of header byte 3, already shifted (esptool's {@code FLASH_SIZES})
 * @param frequencyCodes flash frequency to the low nibble of header byte 3 ({@code FLASH_FREQUENCY})
 */
public record ImageFormat(int imageChipId, long bootloaderOffset, Map<String, Integer> sizeCodes,
        Map<String, Integer> frequencyCodes) {
    /** ESP8266's {@code FLASH_SIZES}; the keys are upper case here ("2MB-C1"). */
    public static final Map<String, Integer> ESP8266_SIZES = Map.of("512KB", 0x00, "256KB", 0x10, "1MB", 0x20,
            "2MB", 0x30, "4MB", 0x40, "2MB-C1", 0x50, "4MB-C1", 0x60, "8MB", 0x80, "16MB", 0x90);
    /** ESP32's {@code FLASH_SIZES}, which no later chip overrides. */
    public static final Map<String, Integer> ESP32_SIZES = Map.of("1MB", 0x00, "2MB", 0x10, "4MB", 0x20, "8MB", 0x30,
            "16MB", 0x40, "32MB", 0x50, "64MB", 0x60, "128MB", 0x70);
    /** The {@code FLASH_FREQUENCY} of ESP8266 and ESP32, inherited by chips that do not override it. */
    public static final Map<String, Integer> STANDARD_FREQUENCIES = Map.of("80m", 0xF, "40m", 0x0, "26m", 0x1,
            "20m", 0x2);

    /**
     * Copies the maps.
     *
     * @param imageChipId the header's chip id, or -1
     * @param bootloaderOffset the bootloader offset
     * @param sizeCodes flash size codes
     * @param frequencyCodes flash frequency codes
     */
    public ImageFormat {
        sizeCodes = Map.copyOf(sizeCodes);
        frequencyCodes = Map.copyOf(frequencyCodes);
    }

    /**
     * @param imageChipId the header's chip id
     * @param bootloaderOffset the bootloader offset
     * @param frequencyCodes flash frequency codes
     * @return the format of an ESP32-family chip (extended header, ESP32 size codes)
     */
    public static ImageFormat esp32Family(int imageChipId, long bootloaderOffset, Map<String, Integer> frequencyCodes) {
        return new ImageFormat(imageChipId, bootloaderOffset, ESP32_SIZES, frequencyCodes);
    }

    /** @return whether images carry the 16-byte extended header with a chip id (every chip but the ESP8266) */
    public boolean hasExtendedHeader() {
        return imageChipId >= 0;
    }

    /**
     * @param size a flash size such as {@code "4MB"}
     * @param chipName the chip's name, for the message
     * @return the size code, already shifted
     * @throws IllegalArgumentException when the chip has no such size
     */
    public int sizeCode(String size, String chipName) {
        return code(sizeCodes, size.toUpperCase(Locale.ROOT), "flash size", chipName);
    }

    /**
     * @param freq a flash frequency such as {@code "40m"}
     * @param chipName the chip's name, for the message
     * @return the frequency code
     * @throws IllegalArgumentException when the chip has no such frequency
     */
    public int frequencyCode(String freq, String chipName) {
        return code(frequencyCodes, freq.toLowerCase(Locale.ROOT), "flash frequency", chipName);
    }

    /**
     * @param code the high nibble of header byte 3, shifted down
     * @return the size in bytes, or -1 for a code this chip does not use
     */
    public long sizeBytes(int code) {
        for (Map.Entry<String, Integer> e : sizeCodes.entrySet()) {
            if (e.getValue() == code << 4) {
                String size = e.getKey().replace("-C1", ""); // ESP8266 "2MB-C1": 2 MB in another layout
                long unit = size.endsWith("KB") ? 1L << 10 : 1L << 20;
                return Long.parseLong(size.substring(0, size.length() - 2)) * unit;
            }
        }
        return -1;
    }

    private static int code(Map<String, Integer> codes, String key, String what, String chipName) {
        Integer code = codes.get(key);
        if (code == null) {
            throw new IllegalArgumentException(what + " '" + key + "' is not valid for " + chipName + "; use one of "
                    + new TreeSet<>(codes.keySet()));
        }
        return code;
    }
}
