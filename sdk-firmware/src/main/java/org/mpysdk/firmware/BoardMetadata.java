package org.mpysdk.firmware;

import java.util.List;

/**
 * MicroPython's own metadata for one ESP board (from its {@code board.json}), bundled with this
 * library because the site does not publish it in machine-readable form. Taken as published: one
 * vendor board gives a wrong flash offset, which is why offsets are cross-checked with the image.
 *
 * @param board the board id
 * @param port {@code esp32} or {@code esp8266}
 * @param mcu the MCU name, for example {@code esp32c5}
 * @param flashOffset the flash offset the metadata gives
 * @param vendor the vendor
 * @param variants current variants
 * @param retiredVariants variants no longer built (older releases still have them)
 */
public record BoardMetadata(String board, String port, String mcu, long flashOffset, String vendor,
                            List<String> variants, List<String> retiredVariants) {
    /**
     * Copies the lists.
     *
     * @param board the board id
     * @param port {@code esp32} or {@code esp8266}
     * @param mcu the MCU name, for example {@code esp32c5}
     * @param flashOffset the flash offset the metadata gives
     * @param vendor the vendor
     * @param variants current variants; null means none
     * @param retiredVariants variants no longer built; null means none
     */
    public BoardMetadata {
        variants = variants == null ? List.of() : List.copyOf(variants);
        retiredVariants = retiredVariants == null ? List.of() : List.copyOf(retiredVariants);
    }
}
