package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-C61, from esptool 4.8's {@code targets/esp32c61.py}: the C6's ROM facts, eFuse BLOCK1 at 0x600B4844. */
final class Esp32C61 {
    private static final long BLOCK1 = 0x600B4800L + 0x044;

    // 0x4F81606F comes from esptool-js 0.7.0 (a later ECO); esptool 4.8 knows the first two.
    static final ChipSpec SPEC = new ChipSpec("esp32c61", "ESP32-C61",
            ImageFormat.esp32Family(20, 0x0, Esp32C6.FREQUENCIES_80M_F),
            RomLoader.sinceEsp32S2(0x33F0206FL, 0x2421606FL, 0x4F81606FL), SpiRegisters.modern(0x60003000L),
            Crystal.fixed(40),
            Esp32C6.word2Layout(BLOCK1, 26, PartNames.table("unknown ESP32-C61", Map.of(0, "ESP32-C61"))),
            MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, false);

    private Esp32C61() {
    }
}
