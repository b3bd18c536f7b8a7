package org.mpysdk.serial.esp.targets;

import java.io.IOException;

/**
 * One chip family's ROM facts and the few reads that identify a part (description, revision, MAC,
 * crystal). Implementations hold no state.
 */
public interface Target {
    /** @return the chip's facts */
    TargetFacts facts();

    /**
     * @param regs reads registers of the connected chip
     * @return description and revision, read from eFuses
     * @throws IOException when a register read fails
     */
    Identity identify(RegisterReader regs) throws IOException;

    /**
     * @param regs reads registers of the connected chip
     * @return the base MAC as {@code aa:bb:cc:dd:ee:ff}
     * @throws IOException when a register read fails
     */
    default String readMac(RegisterReader regs) throws IOException {
        long reg = facts().macRegister();
        return Mac.fromWords(regs.read(reg), regs.read(reg + 4));
    }

    /**
     * @param regs reads registers of the connected chip
     * @param baud the line rate in use (the crystal is estimated from the UART divider the ROM chose for it),
     *     or 0 when unknown
     * @return the crystal frequency in MHz, or 0 when it cannot be known cheaply
     * @throws IOException when a register read fails
     */
    default int crystalMhz(RegisterReader regs, int baud) throws IOException {
        TargetFacts f = facts();
        if (f.fixedCrystalMhz() > 0) {
            return f.fixedCrystalMhz();
        }
        if (f.uartClkdivRegister() == 0 || baud <= 0) {
            return 0;
        }
        int divider = regs.read(f.uartClkdivRegister()) & 0xFFFFF;
        double estimate = (double) baud * divider / 1e6 / f.xtalClockDivider();
        if (estimate > 45) {
            return 48;
        }
        return estimate > 33 ? 40 : 26;
    }
}
