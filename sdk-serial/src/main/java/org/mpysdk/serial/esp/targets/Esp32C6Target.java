package org.mpysdk.serial.esp.targets;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;

/** ESP32-C6: chip id 13; eFuse BLOCK1 at 0x600B0844; SPI controller at 0x60003000. */
public final class Esp32C6Target implements Target {
    private static final long BLOCK1 = 0x600B0800L + 0x044;
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_C6, List.of(0x2CE0806FL), BLOCK1,
            SpiRegisters.modern(0x60003000L), 4, true, true, true, 0, 1, 40);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws IOException {
        int w3 = regs.read(BLOCK1 + 4 * 3);
        int pkg = (w3 >>> 24) & 0x07;
        int minor = (w3 >>> 18) & 0x0F;
        int major = (w3 >>> 22) & 0x03;
        String name = "Unknown ESP32-C6";
        if (pkg == 0) {
            name = "ESP32-C6 (QFN40)";
        } else if (pkg == 1) {
            int flashCap = regs.read(BLOCK1 + 4 * 4) & 0x07;
            name = flashCap == 1 ? "ESP32-C6FH4 (QFN32)" : flashCap == 2 ? "ESP32-C6FH8 (QFN32)" : name;
        }
        return new Identity(name, new ChipRevision(major, minor));
    }
}
