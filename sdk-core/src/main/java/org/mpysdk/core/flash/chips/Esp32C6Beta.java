package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-C6 beta, from esptool 4.8's {@code targets/esp32c6beta.py}: the C3's layout with its own id and names. */
final class Esp32C6Beta {
    static final ChipSpec SPEC = Esp32C3.spec("esp32c6beta", "ESP32-C6(beta)", 7, RomLoader.sinceEsp32S2(0x0DA1806FL),
            PartNames.table("unknown ESP32-C6", Map.of(0, "ESP32-C6 (QFN40)", 1, "ESP32-C6FH4 (QFN32)")), false);

    private Esp32C6Beta() {
    }
}
