package org.mpysdk.serial.esp.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;
import org.mpysdk.core.flash.FlashException;

/** ESP32-C5: chip id 23; bootloader (and MicroPython) at 0x2000. Recognised by chip id; the part's description and revision are not decoded. */
public final class Esp32C5Target implements Target {
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_C5, List.of(0x1101406FL, 0x63E1406FL, 0x5FD1406FL), 0x600B4800L + 0x044,
            SpiRegisters.modern(0x60003000L), 4, true, true, true, 0, 1, 0);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws FlashException {
        return new Identity(FACTS.chip().displayName(), ChipRevision.UNKNOWN);
    }
}
