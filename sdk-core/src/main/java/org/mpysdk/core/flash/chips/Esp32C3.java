package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-C3, from esptool 4.8's {@code targets/esp32c3.py}: eFuse BLOCK1 at 0x60008844. */
final class Esp32C3 {
    static final long BLOCK1 = 0x60008800L + 0x044;

    // Magic values of ECO 1+2, 3, 6 and 7.
    static final ChipSpec SPEC = spec("esp32c3", "ESP32-C3", 5,
            RomLoader.sinceEsp32S2(0x6921506FL, 0x1B31506FL, 0x4881606FL, 0x4361606FL),
            PartNames.table("unknown ESP32-C3", Map.of(0, "ESP32-C3 (QFN32)", 1, "ESP8685 (QFN28)",
                    2, "ESP32-C3 AZ (QFN32)", 3, "ESP8686 (QFN24)")), true);

    private Esp32C3() {
    }

    /** The C3 chip with its names and ROM: the ESP32-C6 beta inherits everything else in esptool. */
    static ChipSpec spec(String esptoolName, String displayName, int imageChipId, RomLoader rom, PartNames names,
            boolean fullySupported) {
        return new ChipSpec(esptoolName, displayName,
                ImageFormat.esp32Family(imageChipId, 0x0, ImageFormat.STANDARD_FREQUENCIES), rom,
                SpiRegisters.modern(0x60002000L), Crystal.fixed(40), layout(BLOCK1, names), MacLayout.efuseWords(BLOCK1),
                StubSupport.ESP32_FAMILY, fullySupported);
    }

    /** The C3's BLOCK1 fields: package word 3 [23:21], minor word 5 [23] and word 3 [20:18], major word 5 [25:24]. */
    static PartLayout layout(long block1, PartNames names) {
        return PartLayout.efuse(EfuseValue.of(EfuseField.at(block1, 3, 21, 3)),
                RevisionLayout.fields(EfuseValue.of(EfuseField.at(block1, 5, 24, 2)),
                        EfuseValue.of(EfuseField.at(block1, 5, 23, 1), EfuseField.at(block1, 3, 18, 3))),
                names);
    }
}
