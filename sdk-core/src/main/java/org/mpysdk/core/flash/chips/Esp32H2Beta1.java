package org.mpysdk.core.flash.chips;

import java.util.Map;

/** ESP32-H2 beta 1, from esptool 4.8's {@code targets/esp32h2beta1.py}: eFuse BLOCK1 at 0x6001A044. */
final class Esp32H2Beta1 {
    static final long BLOCK1 = 0x6001A000L + 0x044;

    static final ChipSpec SPEC = spec("esp32h2beta1", "ESP32-H2(beta1)", 10, 0xCA26CC22L,
            PartNames.table("unknown ESP32-H2", Map.of(0, "ESP32-H2")));

    private Esp32H2Beta1() {
    }

    /** The beta 1 chip; the beta 2 inherits all but id, magic and names. */
    static ChipSpec spec(String esptoolName, String displayName, int imageChipId, long magic, PartNames names) {
        return new ChipSpec(esptoolName, displayName, ImageFormat.esp32Family(imageChipId, 0x0, Esp32H2.FREQUENCIES),
                RomLoader.sinceEsp32S2(magic), SpiRegisters.modern(0x60002000L), Crystal.fixed(32),
                Esp32H2.layout(BLOCK1, names), MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, false);
    }
}
