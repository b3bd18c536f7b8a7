package org.mpysdk.serial.esp.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipRevision;

/**
 * A chip the SDK recognises (by GET_SECURITY_INFO chip id or magic word) and flashes, but whose part
 * description and revision it does not decode: {@link #identify} names the chip and reports an unknown
 * revision. Chip id and flash offset come from {@link Chip}; only the ROM facts are here.
 *
 * <pre>{@code
 * Target c5 = RecognisedTarget.esp32c5();
 * c5.facts().bootloaderOffset(); // 0x2000
 * }</pre>
 */
public final class RecognisedTarget implements Target {
    private final TargetFacts facts;

    private RecognisedTarget(TargetFacts facts) {
        this.facts = facts;
    }

    /** @return ESP32-C2 (ESP8684): 26 or 40 MHz crystal, estimated from the UART divider */
    public static RecognisedTarget esp32c2() {
        return new RecognisedTarget(new TargetFacts(Chip.ESP32_C2, List.of(0x6F51306FL, 0x7C41A06FL, 0x0C21E06FL),
                0x60008800L + 0x040, SpiRegisters.modern(0x60002000L), 4, true, true, true, 0x60000014L, 1, 0));
    }

    /** @return ESP32-C5: SPI controller at 0x60003000 */
    public static RecognisedTarget esp32c5() {
        return new RecognisedTarget(new TargetFacts(Chip.ESP32_C5, List.of(0x1101406FL, 0x63E1406FL, 0x5FD1406FL),
                0x600B4800L + 0x044, SpiRegisters.modern(0x60003000L), 4, true, true, true, 0, 1, 0));
    }

    /** @return ESP32-H2: 32 MHz crystal */
    public static RecognisedTarget esp32h2() {
        return new RecognisedTarget(new TargetFacts(Chip.ESP32_H2, List.of(0xD7B73E80L, 0x97E30068L),
                0x600B0800L + 0x044, SpiRegisters.modern(0x60003000L), 4, true, true, true, 0, 1, 32));
    }

    /** @return ESP32-P4: SPIMEM1 at 0x5008D000; one of its magic values is 0, so it is looked up last */
    public static RecognisedTarget esp32p4() {
        return new RecognisedTarget(new TargetFacts(Chip.ESP32_P4, List.of(0x0L, 0x0ADDBAD0L, 0x07039AD9L),
                0x5012D000L + 0x044, SpiRegisters.modern(0x5008D000L), 4, true, true, true, 0, 1, 40));
    }

    /** @return ESP32-C61: the ESP32-C6's ROM facts with its own magic values and eFuse base (as esptool has it) */
    public static RecognisedTarget esp32c61() {
        return new RecognisedTarget(new TargetFacts(Chip.ESP32_C61, List.of(0x33F0206FL, 0x2421606FL),
                0x600B4800L + 0x044, SpiRegisters.modern(0x60003000L), 4, true, true, true, 0, 1, 40));
    }

    @Override
    public TargetFacts facts() {
        return facts;
    }

    /** @return the chip's name and {@link ChipRevision#UNKNOWN}: this chip's eFuse layout is not decoded */
    @Override
    public Identity identify(RegisterReader regs) {
        return new Identity(facts.chip().displayName(), ChipRevision.UNKNOWN);
    }
}
