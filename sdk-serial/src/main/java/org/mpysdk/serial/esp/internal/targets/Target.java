package org.mpysdk.serial.esp.internal.targets;

import java.io.IOException;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.chips.ChipSpec;
import org.mpysdk.core.flash.chips.Identity;
import org.mpysdk.core.flash.chips.RegisterReader;

/**
 * The chip the flasher talks to: its ROM facts and the few reads that identify the part (description,
 * revision, MAC, crystal). Every fact comes from the chip's {@link ChipSpec}; the decoding is the shared
 * code of {@code org.mpysdk.core.flash.chips}. Holds no state but the chip; get one from {@link Targets}.
 */
public final class Target {
    private final TargetFacts facts;

    Target(Chip chip) {
        this.facts = new TargetFacts(chip);
    }

    /** @return the chip's facts */
    public TargetFacts facts() {
        return facts;
    }

    /** @return the chip's full description as data */
    public ChipSpec spec() {
        return facts.spec();
    }

    /**
     * @param regs reads registers of the connected chip
     * @return description and revision, read from eFuses
     * @throws IOException when a register read fails
     */
    public Identity identify(RegisterReader regs) throws IOException {
        return spec().identify(regs);
    }

    /**
     * @param regs reads registers of the connected chip
     * @return the base MAC as {@code aa:bb:cc:dd:ee:ff}, or empty when the fuses do not say
     * @throws IOException when a register read fails
     */
    public String readMac(RegisterReader regs) throws IOException {
        return spec().readMac(regs);
    }

    /**
     * @param regs reads registers of the connected chip
     * @param baud the line rate in use (the crystal is estimated from the UART divider the ROM chose for it),
     *     or 0 when unknown
     * @return the crystal frequency in MHz, or 0 when it cannot be known cheaply
     * @throws IOException when a register read fails
     */
    public int crystalMhz(RegisterReader regs, int baud) throws IOException {
        return spec().crystal().mhz(regs, baud);
    }

    @Override
    public String toString() {
        return facts.chip().displayName();
    }
}
