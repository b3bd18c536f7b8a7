package org.mpysdk.core.flash.chips;

import java.util.List;
import java.util.Optional;

/**
 * Every chip esptool 4.8 knows, in the order of its {@code CHIP_DEFS}, with the lookups detection needs.
 *
 * <pre>{@code
 * ChipSpecs.byMagic(0x1B31506F);   // Optional[esp32c3]
 * ChipSpecs.byImageChipId(9);      // Optional[esp32s3]
 * ChipSpecs.named("esp32c5").image().bootloaderOffset(); // 0x2000
 * }</pre>
 */
public final class ChipSpecs {
    // esptool's CHIP_DEFS order; magic lookup depends on it only through the P4's magic 0, which comes last.
    private static final List<ChipSpec> ALL = List.of(Esp8266.SPEC, Esp32.SPEC, Esp32S2.SPEC, Esp32S3Beta2.SPEC,
            Esp32S3.SPEC, Esp32C3.SPEC, Esp32C6Beta.SPEC, Esp32H2Beta1.SPEC, Esp32H2Beta2.SPEC, Esp32C2.SPEC,
            Esp32C6.SPEC, Esp32C61.SPEC, Esp32C5.SPEC, Esp32C5Beta3.SPEC, Esp32H2.SPEC, Esp32P4.SPEC);

    private ChipSpecs() {
    }

    /** @return every chip, in esptool's order */
    public static List<ChipSpec> all() {
        return ALL;
    }

    /**
     * @param esptoolName a name esptool's {@code --chip} takes, for example {@code esp32c3}
     * @return the chip so named
     * @throws IllegalArgumentException for a name esptool 4.8 does not know
     */
    public static ChipSpec named(String esptoolName) {
        for (ChipSpec s : ALL) {
            if (s.esptoolName().equals(esptoolName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no chip named '" + esptoolName + "'");
    }

    /**
     * @param magic the word READ_REG returned for {@link RomLoader#MAGIC_REGISTER}
     * @return the first chip, in esptool's order, with this magic value
     */
    public static Optional<ChipSpec> byMagic(int magic) {
        return ALL.stream().filter(s -> s.rom().hasMagic(magic)).findFirst();
    }

    /**
     * @param id a chip id from an image's extended header or a GET_SECURITY_INFO answer
     * @return the chip with this id; empty for -1 (the ESP8266 has none) and unknown ids
     */
    public static Optional<ChipSpec> byImageChipId(int id) {
        return id < 0 ? Optional.empty() : ALL.stream().filter(s -> s.image().imageChipId() == id).findFirst();
    }
}
