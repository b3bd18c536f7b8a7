package org.mpysdk.core.flash.chips;

import java.util.Map;

/**
 * ESP32-C2 (ESP8684), from esptool 4.8's {@code targets/esp32c2.py}: MAC and revision in eFuse BLOCK2 at
 * 0x60008840; a 26 or 40 MHz crystal, estimated from the UART divider.
 */
final class Esp32C2 {
    private static final long BLOCK2 = 0x60008800L + 0x040;

    // Magic values of ECO 0, 1 and 4.
    static final ChipSpec SPEC = new ChipSpec("esp32c2", "ESP32-C2",
            ImageFormat.esp32Family(12, 0x0, Map.of("60m", 0xF, "30m", 0x0, "20m", 0x1, "15m", 0x2)),
            RomLoader.sinceEsp32S2(0x6F51306FL, 0x7C41A06FL, 0x0C21E06FL), SpiRegisters.modern(0x60002000L),
            Crystal.fromUartDivider(0x60000014L, 1),
            PartLayout.efuse(EfuseValue.of(EfuseField.at(BLOCK2, 1, 22, 3)),
                    RevisionLayout.fields(EfuseValue.of(EfuseField.at(BLOCK2, 1, 20, 2)),
                            EfuseValue.of(EfuseField.at(BLOCK2, 1, 16, 4))),
                    PartNames.table("unknown ESP32-C2", Map.of(0, "ESP32-C2", 1, "ESP32-C2"))),
            MacLayout.efuseWords(BLOCK2), StubSupport.ESP32_FAMILY, false);

    private Esp32C2() {
    }
}
