package org.mpysdk.core.flash.chips;

import java.util.Map;

/**
 * ESP32-P4, from esptool 4.8's {@code targets/esp32p4.py}: eFuse BLOCK1 at 0x5012D044, SPIMEM1 at 0x5008D000,
 * the bootloader at 0x2000 (the first two sectors are reserved).
 */
final class Esp32P4 {
    private static final long BLOCK1 = 0x5012D000L + 0x044;

    // One magic value is 0, so P4 is looked up last (it is last in esptool's CHIP_DEFS too); 0x07039AD9 is
    // esptool-js 0.7.0's (a later ECO). The frequency codes are the ESP32's, which esptool 4.8's P4 inherits.
    static final ChipSpec SPEC = new ChipSpec("esp32p4", "ESP32-P4",
            ImageFormat.esp32Family(18, 0x2000, ImageFormat.STANDARD_FREQUENCIES),
            RomLoader.sinceEsp32S2(0x0L, 0x0ADDBAD0L, 0x07039AD9L), SpiRegisters.modern(0x5008D000L), Crystal.fixed(40),
            Esp32C6.word2Layout(BLOCK1, 20, PartNames.table("unknown ESP32-P4", Map.of(0, "ESP32-P4"))),
            MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, false);

    private Esp32P4() {
    }
}
