package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.Map;

/** ESP32-S3, from esptool 4.8's {@code targets/esp32s3.py}: eFuse BLOCK1 at 0x60007044, BLOCK2 at 0x6000705C. */
final class Esp32S3 {
    private static final long EFUSE_BASE = 0x60007000L;
    static final long BLOCK1 = EFUSE_BASE + 0x044;
    static final long BLOCK2 = EFUSE_BASE + 0x05C;

    static final ChipSpec SPEC = spec("esp32s3", "ESP32-S3", 9, 0x9L);

    private Esp32S3() {
    }

    /** The S3 layout; the S3 beta 2 inherits it in esptool, addresses included. */
    static ChipSpec spec(String esptoolName, String displayName, int imageChipId, long magic) {
        return new ChipSpec(esptoolName, displayName,
                ImageFormat.esp32Family(imageChipId, 0x0, ImageFormat.STANDARD_FREQUENCIES),
                RomLoader.sinceEsp32S2(magic), SpiRegisters.modern(0x60002000L), Crystal.fixed(40),
                PartLayout.efuse(EfuseValue.of(EfuseField.at(BLOCK1, 3, 21, 3)), Esp32S3::revision,
                        PartNames.table("unknown ESP32-S3", Map.of(0, "ESP32-S3 (QFN56)", 1, "ESP32-S3-PICO-1 (LGA56)"))),
                MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, esptoolName.equals("esp32s3"));
    }

    // Chips v0.0 with eFuse block version 1.1 used the major field for something else (esptool's is_eco0).
    private static ChipRevision revision(RegisterReader regs) throws IOException {
        int minorRaw = EfuseValue.of(EfuseField.at(BLOCK1, 5, 23, 1), EfuseField.at(BLOCK1, 3, 18, 3)).read(regs);
        int blockMajor = EfuseField.at(BLOCK2, 4, 0, 2).read(regs);
        int blockMinor = EfuseField.at(BLOCK1, 3, 24, 3).read(regs);
        if ((minorRaw & 0x7) == 0 && blockMajor == 1 && blockMinor == 1) {
            return new ChipRevision(0, 0);
        }
        return new ChipRevision(EfuseField.at(BLOCK1, 5, 24, 2).read(regs), minorRaw);
    }
}
