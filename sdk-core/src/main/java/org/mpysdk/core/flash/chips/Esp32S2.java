package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-S2, from esptool 4.8's {@code targets/esp32s2.py}: eFuse BLOCK1 at 0x3F41A044. */
final class Esp32S2 {
    private static final long BLOCK1 = 0x3F41A000L + 0x044;

    static final ChipSpec SPEC = new ChipSpec("esp32s2", "ESP32-S2",
            ImageFormat.esp32Family(2, 0x1000, ImageFormat.STANDARD_FREQUENCIES),
            RomLoader.sinceEsp32S2(0x000007C6L), SpiRegisters.modern(0x3F402000L), Crystal.fixed(40),
            PartLayout.efuse(
                    // esptool names the part by flash_cap + psram_cap * 100; here psram_cap sits above flash_cap's 4 bits
                    EfuseValue.of(EfuseField.at(BLOCK1, 3, 28, 4), EfuseField.at(BLOCK1, 3, 21, 4)),
                    RevisionLayout.fields(EfuseValue.of(EfuseField.at(BLOCK1, 3, 18, 2)),
                            EfuseValue.of(EfuseField.at(BLOCK1, 3, 20, 1), EfuseField.at(BLOCK1, 4, 4, 3))),
                    PartNames.table("unknown ESP32-S2", Map.of(0x00, "ESP32-S2", 0x01, "ESP32-S2FH2", 0x02, "ESP32-S2FH4",
                            0x12, "ESP32-S2FNR2", 0x10, "ESP32-S2R2"))),
            MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, true);

    private Esp32S2() {
    }
}
