package org.mpysdk.serial.esp.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;
import org.mpysdk.core.flash.FlashException;

/** ESP32-C2 (ESP8684): chip id 12; 26 or 40 MHz crystal, estimated from the UART divider. Recognised by chip id; the part's description and revision are not decoded. */
public final class Esp32C2Target implements Target {
    private static final TargetFacts FACTS = new TargetFacts(Chip.ESP32_C2, List.of(0x6F51306FL, 0x7C41A06FL, 0x0C21E06FL), 0x60008800L + 0x040,
            SpiRegisters.modern(0x60002000L), 4, true, true, true, 0x60000014L, 1, 0);

    @Override
    public TargetFacts facts() {
        return FACTS;
    }

    @Override
    public Identity identify(RegisterReader regs) throws FlashException {
        return new Identity(FACTS.chip().displayName(), ChipRevision.UNKNOWN);
    }
}
