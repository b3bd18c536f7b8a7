package org.mpysdk.core.flash.chips;

import java.util.Map;

/**
 * ESP32-C5, from esptool 4.8's {@code targets/esp32c5.py}: eFuse BLOCK1 at 0x600B4844, a 40 or 48 MHz crystal
 * estimated from the UART divider.
 */
final class Esp32C5 {
    private static final long BLOCK1 = 0x600B4800L + 0x044;

    // The bootloader offset is 0x2000 although esptool 4.8 inherits the C6's 0x0: esptool fixed it later
    // (ec12073 "fix(esp32c5): fix bootloader address"), and MicroPython's C5 images are built for 0x2000.
    // Magic: esptool 4.8 knows 0x1101406F; the ECO1 value 0x63E1406F came in esptool 4.10, and
    // 0x5FD1406F and 0x30E1706F are esptool-js 0.7.0's.
    static final ChipSpec SPEC = new ChipSpec("esp32c5", "ESP32-C5",
            ImageFormat.esp32Family(23, 0x2000, Esp32C6.FREQUENCIES_80M_F),
            RomLoader.sinceEsp32S2(0x1101406FL, 0x63E1406FL, 0x5FD1406FL, 0x30E1706FL), SpiRegisters.modern(0x60003000L),
            Crystal.fromUartDivider(0x60000014L, 1),
            Esp32C6.word2Layout(BLOCK1, 26, PartNames.table("unknown ESP32-C5", Map.of(0, "ESP32-C5"))),
            MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, false);

    private Esp32C5() {
    }
}
