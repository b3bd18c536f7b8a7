package org.mpysdk.serial.esp.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;
import org.mpysdk.core.flash.FlashException;

/** ESP32-P4: chip id 18; bootloader (and MicroPython) at 0x2000; SPIMEM1 at 0x5008D000. Recognised by chip id; the part's description and revision are not decoded. */
public final class Esp32P4Target implements Target {
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_P4, List.of(0x0L, 0x0ADDBAD0L, 0x07039AD9L), 0x5012D000L + 0x044,
            SpiRegisters.modern(0x5008D000L), 4, true, true, true, 0, 1, 40);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws FlashException {
        return new Identity(FACTS.chip().displayName(), ChipRevision.UNKNOWN);
    }
}
