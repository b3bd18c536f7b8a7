package org.mpysdk.firmware;

import java.util.Map;
import java.util.Optional;
import org.mpysdk.core.flash.Chip;

/**
 * The one MicroPython fact about a chip that is not in {@link Chip}: which micropython.org board is
 * the generic build for it. Every other per-chip fact (image chip id, flash offset, names, MCU name
 * via {@link Chip#idfTarget()}) comes from {@link Chip}.
 *
 * <pre>{@code
 * GenericBoards.of(Chip.ESP32_S3);                                  // Optional[ESP32_GENERIC_S3]
 * Chip.fromName("ESP32-D0WD-V3").flatMap(GenericBoards::of);        // Optional[ESP32_GENERIC]
 * }</pre>
 */
public final class GenericBoards {
    // ESP32-C61: known to esptool, no MicroPython generic board yet.
    private static final Map<Chip, String> BY_CHIP = Map.of(
            Chip.ESP8266, "ESP8266_GENERIC",
            Chip.ESP32, "ESP32_GENERIC",
            Chip.ESP32_S2, "ESP32_GENERIC_S2",
            Chip.ESP32_S3, "ESP32_GENERIC_S3",
            Chip.ESP32_C2, "ESP32_GENERIC_C2",
            Chip.ESP32_C3, "ESP32_GENERIC_C3",
            Chip.ESP32_C5, "ESP32_GENERIC_C5",
            Chip.ESP32_C6, "ESP32_GENERIC_C6",
            Chip.ESP32_H2, "ESP32_GENERIC_H2",
            Chip.ESP32_P4, "ESP32_GENERIC_P4");

    private GenericBoards() {
    }

    /**
     * @param chip a chip family
     * @return the micropython.org board id of the generic board for this chip, if MicroPython has one
     */
    public static Optional<String> of(Chip chip) {
        return Optional.ofNullable(BY_CHIP.get(chip));
    }
}
