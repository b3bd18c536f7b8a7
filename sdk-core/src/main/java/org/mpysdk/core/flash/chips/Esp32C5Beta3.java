package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-C5 beta 3, from esptool 4.8's {@code targets/esp32c5beta3.py}: the C6's eFuse block, the C5's fields. */
final class Esp32C5Beta3 {
    static final ChipSpec SPEC = new ChipSpec("esp32c5beta3", "ESP32-C5(beta3)",
            ImageFormat.esp32Family(17, 0x0, Esp32C6.FREQUENCIES_80M_F),
            RomLoader.sinceEsp32S2(0xE10D8082L), SpiRegisters.modern(0x60003000L),
            Crystal.fromUartDivider(0x60000014L, 1),
            Esp32C6.word2Layout(Esp32C6.BLOCK1, 26,
                    PartNames.table("unknown ESP32-C5 beta3", Map.of(0, "ESP32-C5 beta3 (QFN40)"))),
            MacLayout.efuseWords(Esp32C6.BLOCK1), StubSupport.ESP32_FAMILY, false);

    private Esp32C5Beta3() {
    }
}
