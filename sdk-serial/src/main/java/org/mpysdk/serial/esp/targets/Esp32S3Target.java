package org.mpysdk.serial.esp.targets;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;

/** ESP32-S3: identified by GET_SECURITY_INFO chip id 9; eFuse BLOCK1 at 0x60007044. */
public final class Esp32S3Target implements Target {
    private static final long EFUSE = 0x60007000L;
    private static final long BLOCK1 = EFUSE + 0x044;
    private static final long BLOCK2 = EFUSE + 0x05C;
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_S3, List.of(0x9L), BLOCK1,
            SpiRegisters.modern(0x60002000L), 4, true, true, true, 0, 1, 40);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws IOException {
        int w3 = regs.read(BLOCK1 + 4 * 3);
        int w5 = regs.read(BLOCK1 + 4 * 5);
        int pkg = (w3 >>> 21) & 0x07;
        int minorRaw = (((w5 >>> 23) & 0x1) << 3) + ((w3 >>> 18) & 0x07);
        int blockMajor = regs.read(BLOCK2 + 4 * 4) & 0x03;
        int blockMinor = (w3 >>> 24) & 0x07;
        // Chips v0.0 with eFuse block version 1.1 used the major field for something else.
        boolean eco0 = (minorRaw & 0x7) == 0 && blockMajor == 1 && blockMinor == 1;
        int major = eco0 ? 0 : (w5 >>> 24) & 0x03;
        int minor = eco0 ? 0 : minorRaw;
        String name = switch (pkg) {
            case 0 -> "ESP32-S3 (QFN56)";
            case 1 -> "ESP32-S3-PICO-1 (LGA56)";
            default -> "Unknown ESP32-S3";
        };
        return new Identity(name, new ChipRevision(major, minor));
    }
}
