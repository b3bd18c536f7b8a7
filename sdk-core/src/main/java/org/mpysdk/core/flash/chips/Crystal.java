package org.mpysdk.core.flash.chips;

import java.io.IOException;

/**
 * How the host learns a chip's crystal frequency: fixed for most chips, estimated from the UART divider the ROM
 * chose for the current line rate on the ESP8266, ESP32, ESP32-C2 and ESP32-C5 (esptool's {@code get_crystal_freq}).
 *
 * @param fixedMhz the only crystal the chip takes, or 0 when it is estimated
 * @param uartClkdivRegister the UART clock divider register, or 0 when none is read
 * @param xtalClockDivider what the UART clock is relative to the crystal (2 on the ESP8266, else 1)
 */
public record Crystal(int fixedMhz, long uartClkdivRegister, int xtalClockDivider) {
    private static final int UART_CLKDIV_MASK = 0xFFFFF;

    /**
     * @param mhz the crystal
     * @return a fixed crystal
     */
    public static Crystal fixed(int mhz) {
        return new Crystal(mhz, 0, 1);
    }

    /**
     * @param uartClkdivRegister the UART clock divider register ({@code UART_CLKDIV_REG})
     * @param xtalClockDivider {@code XTAL_CLK_DIVIDER}
     * @return a crystal estimated from the UART divider
     */
    public static Crystal fromUartDivider(long uartClkdivRegister, int xtalClockDivider) {
        return new Crystal(0, uartClkdivRegister, xtalClockDivider);
    }

    /**
     * @param regs reads the chip's registers
     * @param baud the line rate in use, or 0 when unknown
     * @return the crystal in MHz, normalised to 26, 40 or 48 as esptool does; 0 when it cannot be known
     * @throws IOException when the read fails
     */
    public int mhz(RegisterReader regs, int baud) throws IOException {
        if (fixedMhz > 0) {
            return fixedMhz;
        }
        if (uartClkdivRegister == 0 || baud <= 0) {
            return 0;
        }
        int divider = regs.read(uartClkdivRegister) & UART_CLKDIV_MASK;
        double estimate = (double) baud * divider / 1e6 / xtalClockDivider;
        if (estimate > 45) {
            return 48;
        }
        return estimate > 33 ? 40 : 26;
    }
}
