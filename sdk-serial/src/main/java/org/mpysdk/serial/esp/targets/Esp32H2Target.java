package org.mpysdk.serial.esp.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;
import org.mpysdk.core.flash.FlashException;

/** ESP32-H2: chip id 16; 32 MHz crystal. Recognised by chip id; the part's description and revision are not decoded. */
public final class Esp32H2Target implements Target {
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_H2, List.of(0xD7B73E80L, 0x97E30068L), 0x600B0800L + 0x044,
            SpiRegisters.modern(0x60003000L), 4, true, true, true, 0, 1, 32);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws FlashException {
        return new Identity(FACTS.chip().displayName(), ChipRevision.UNKNOWN);
    }
}
