package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-H2 beta 2, from esptool 4.8's {@code targets/esp32h2beta2.py}: the beta 1 with its own id and name. */
final class Esp32H2Beta2 {
    static final ChipSpec SPEC = Esp32H2Beta1.spec("esp32h2beta2", "ESP32-H2(beta2)", 14, 0x6881B06FL,
            PartNames.table("unknown ESP32-H2", Map.of(1, "ESP32-H2(beta2)")));

    private Esp32H2Beta2() {
    }
}
