package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * ESP32, from esptool 4.8's {@code targets/esp32.py}: BLOCK0 words at 0x3FF5A000 hold package, revision bits and
 * MAC; revision bit 2 is in APB_CTL_DATE.
 */
final class Esp32 {
    static final long EFUSE_RD_REG_BASE = 0x3FF5A000L;
    private static final long APB_CTL_DATE = 0x3FF66000L + 0x7C;
    private static final EfuseField SINGLE_CORE = EfuseField.at(EFUSE_RD_REG_BASE, 3, 0, 1);  // CHIP_VER_DIS_APP_CPU

    static final ChipSpec SPEC = new ChipSpec("esp32", "ESP32",
            ImageFormat.esp32Family(0, 0x1000, ImageFormat.STANDARD_FREQUENCIES),
            new RomLoader(List.of(0x00F01D83L), 4, true, false, false, false, RomLoader.ROM_BAUD),
            SpiRegisters.esp32(0x3FF42000L), Crystal.fromUartDivider(0x3FF40014L, 1),
            PartLayout.efuse(
                    // pkg = word3[11:9] + (word3[2] << 3)
                    EfuseValue.of(EfuseField.at(EFUSE_RD_REG_BASE, 3, 2, 1), EfuseField.at(EFUSE_RD_REG_BASE, 3, 9, 3)),
                    new RevisionLayout.Fields(
                            EfuseValue.of(new EfuseField(APB_CTL_DATE, 31, 1), EfuseField.at(EFUSE_RD_REG_BASE, 5, 20, 1),
                                    EfuseField.at(EFUSE_RD_REG_BASE, 3, 15, 1)),
                            EfuseValue.of(EfuseField.at(EFUSE_RD_REG_BASE, 5, 24, 2)),
                            Map.of(0, 0, 1, 1, 3, 2, 7, 3)),
                    Esp32::name),
            MacLayout.efuseWords(EFUSE_RD_REG_BASE + 4), StubSupport.ESP32_FAMILY, true);

    private Esp32() {
    }

    // Names depend on the single-core fuse and on revision 3, not on the package alone.
    private static String name(int pkg, ChipRevision revision, RegisterReader regs) throws IOException {
        boolean rev3 = revision.major() == 3;
        boolean singleCore = SINGLE_CORE.read(regs) != 0;
        return switch (pkg) {
            case 0 -> singleCore ? "ESP32-S0WDQ6" : rev3 ? "ESP32-D0WDQ6-V3" : "ESP32-D0WDQ6";
            case 1 -> singleCore ? "ESP32-S0WD" : rev3 ? "ESP32-D0WD-V3" : "ESP32-D0WD";
            case 2 -> "ESP32-D2WD";
            case 4 -> "ESP32-U4WDH";
            case 5 -> rev3 ? "ESP32-PICO-V3" : "ESP32-PICO-D4";
            case 6 -> "ESP32-PICO-V3-02";
            case 7 -> "ESP32-D0WDR2-V3";
            default -> "unknown ESP32";
        };
    }
}
