package org.mpysdk.serial.esp.targets;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;

/** ESP32-C3: chip id 5 (several legacy magic values); eFuse BLOCK1 at 0x60008844. */
public final class Esp32C3Target implements Target {
    private static final long BLOCK1 = 0x60008800L + 0x044;
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_C3,
            List.of(0x6921506FL, 0x1B31506FL, 0x4881606FL, 0x4361606FL), BLOCK1, SpiRegisters.modern(0x60002000L), 4,
            true, true, true, 0, 1, 40);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws IOException {
        int w3 = regs.read(BLOCK1 + 4 * 3);
        int w5 = regs.read(BLOCK1 + 4 * 5);
        int pkg = (w3 >>> 21) & 0x07;
        int minor = (((w5 >>> 23) & 0x1) << 3) + ((w3 >>> 18) & 0x07);
        int major = (w5 >>> 24) & 0x03;
        String name = switch (pkg) {
            case 0 -> "ESP32-C3 (QFN32)";
            case 1 -> "ESP8685 (QFN28)";
            case 2 -> "ESP32-C3 AZ (QFN32)";
            case 3 -> "ESP8686 (QFN24)";
            default -> "Unknown ESP32-C3";
        };
        return new Identity(name, new ChipRevision(major, minor));
    }
}
