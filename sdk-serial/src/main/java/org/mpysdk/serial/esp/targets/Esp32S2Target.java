package org.mpysdk.serial.esp.targets;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;

/** ESP32-S2: eFuse BLOCK1 at 0x3F41A044 holds MAC, revision and the embedded flash/PSRAM capacities. */
public final class Esp32S2Target implements Target {
    private static final long BLOCK1 = 0x3F41A000L + 0x044;
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_S2, List.of(0x000007C6L), BLOCK1,
            SpiRegisters.modern(0x3F402000L), 4, true, true, true, 0, 1, 40);
    private static final Map<Integer, String> NAMES = Map.of(0, "ESP32-S2", 1, "ESP32-S2FH2", 2, "ESP32-S2FH4",
            102, "ESP32-S2FNR2", 100, "ESP32-S2R2");

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws IOException {
        int w3 = regs.read(BLOCK1 + 4 * 3);
        int w4 = regs.read(BLOCK1 + 4 * 4);
        int flashCap = (w3 >>> 21) & 0x0F;
        int psramCap = (w3 >>> 28) & 0x0F;
        int minor = (((w3 >>> 20) & 0x1) << 3) + ((w4 >>> 4) & 0x07);
        int major = (w3 >>> 18) & 0x03;
        return new Identity(NAMES.getOrDefault(flashCap + psramCap * 100, "Unknown ESP32-S2"),
                new ChipRevision(major, minor));
    }
}
