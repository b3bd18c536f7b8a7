package org.mpysdk.serial.esp.targets;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;

/** ESP32: eFuse words at 0x3FF5A000 give package, revision bits and MAC; APB_CTL_DATE gives revision bit 2. */
public final class Esp32Target implements Target {
    private static final long EFUSE = 0x3FF5A000L;
    private static final long APB_CTL_DATE = 0x3FF66000L + 0x7C;
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32, List.of(0x00F01D83L), EFUSE + 4,
            SpiRegisters.esp32(0x3FF42000L), 4, true, false, false, 0x3FF40014L, 1, 0);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws IOException {
        int w3 = regs.read(EFUSE + 4 * 3);
        int w5 = regs.read(EFUSE + 4 * 5);
        int apb = regs.read(APB_CTL_DATE);
        int pkg = ((w3 >>> 9) & 0x07) + (((w3 >>> 2) & 0x1) << 3);
        int bits = ((apb >>> 31) & 1) << 2 | ((w5 >>> 20) & 1) << 1 | ((w3 >>> 15) & 1);
        int major = switch (bits) {
            case 1 -> 1;
            case 3 -> 2;
            case 7 -> 3;
            default -> 0;
        };
        int minor = (w5 >>> 24) & 0x3;
        boolean rev3 = major == 3;
        boolean singleCore = (w3 & 1) != 0;
        String name = switch (pkg) {
            case 0 -> singleCore ? "ESP32-S0WDQ6" : rev3 ? "ESP32-D0WDQ6-V3" : "ESP32-D0WDQ6";
            case 1 -> singleCore ? "ESP32-S0WD" : rev3 ? "ESP32-D0WD-V3" : "ESP32-D0WD";
            case 2 -> "ESP32-D2WD";
            case 4 -> "ESP32-U4WDH";
            case 5 -> rev3 ? "ESP32-PICO-V3" : "ESP32-PICO-D4";
            case 6 -> "ESP32-PICO-V3-02";
            case 7 -> "ESP32-D0WDR2-V3";
            default -> "Unknown ESP32";
        };
        return new Identity(name, new ChipRevision(major, minor));
    }

    @Override
    public String readMac(RegisterReader regs) throws IOException {
        return Mac.fromWords(regs.read(EFUSE + 4), regs.read(EFUSE + 8));
    }
}
