package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-H2, from esptool 4.8's {@code targets/esp32h2.py}: the C6's eFuse block and SPI, a 32 MHz crystal. */
final class Esp32H2 {
    /** The H2's header frequency codes (its flash clock is derived from 48 MHz). */
    static final Map<String, Integer> FREQUENCIES = Map.of("48m", 0xF, "24m", 0x0, "16m", 0x1, "12m", 0x2);

    // 0x97E30068 comes from esptool-js 0.7.0 (a later ECO); esptool 4.8 knows 0xD7B73E80.
    static final ChipSpec SPEC = new ChipSpec("esp32h2", "ESP32-H2", ImageFormat.esp32Family(16, 0x0, FREQUENCIES),
            RomLoader.sinceEsp32S2(0xD7B73E80L, 0x97E30068L), SpiRegisters.modern(0x60003000L), Crystal.fixed(32),
            layout(Esp32C6.BLOCK1, PartNames.table("unknown ESP32-H2", Map.of(0, "ESP32-H2"))),
            MacLayout.efuseWords(Esp32C6.BLOCK1), StubSupport.ESP32_FAMILY, false);

    private Esp32H2() {
    }

    /** The H2 fields: package word 4 [2:0], minor word 3 [20:18], major word 3 [22:21]. */
    static PartLayout layout(long block1, PartNames names) {
        return PartLayout.efuse(EfuseValue.of(EfuseField.at(block1, 4, 0, 3)),
                RevisionLayout.fields(EfuseValue.of(EfuseField.at(block1, 3, 21, 2)),
                        EfuseValue.of(EfuseField.at(block1, 3, 18, 3))),
                names);
    }
}
