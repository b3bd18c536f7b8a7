package org.mpysdk.core.flash.chips;

/**
 * The SPI flash controller registers esptool drives to send a raw command (RDID) through READ_REG and
 * WRITE_REG.
 *
 * @param base controller base address
 * @param usrOffset SPI_USR register offset
 * @param usr1Offset SPI_USR1 register offset
 * @param usr2Offset SPI_USR2 register offset
 * @param w0Offset first data register offset
 * @param mosiDlenOffset SPI_MOSI_DLEN offset, or -1 on the ESP8266 (which packs lengths into USR1)
 * @param misoDlenOffset SPI_MISO_DLEN offset, or -1 on the ESP8266
 */
public record SpiRegisters(long base, int usrOffset, int usr1Offset, int usr2Offset, int w0Offset, int mosiDlenOffset,
        int misoDlenOffset) {
    /**
     * ESP8266 layout.
     *
     * @param base the SPI controller's base address
     * @return the register layout
     */
    public static SpiRegisters esp8266(long base) {
        return new SpiRegisters(base, 0x1C, 0x20, 0x24, 0x40, -1, -1);
    }

    /**
     * ESP32 layout.
     *
     * @param base the SPI controller's base address
     * @return the register layout
     */
    public static SpiRegisters esp32(long base) {
        return new SpiRegisters(base, 0x1C, 0x20, 0x24, 0x80, 0x28, 0x2C);
    }

    /**
     * Layout of the ESP32-S2 and every later chip.
     *
     * @param base the SPI controller's base address
     * @return the register layout
     */
    public static SpiRegisters modern(long base) {
        return new SpiRegisters(base, 0x18, 0x1C, 0x20, 0x58, 0x24, 0x28);
    }

    /** @return whether the chip has separate MOSI/MISO length registers (every chip but the ESP8266) */
    public boolean hasDataLengthRegisters() {
        return mosiDlenOffset >= 0;
    }

    /** @return the command register (offset 0) */
    public long cmd() {
        return base;
    }

    /** @return the USR register */
    public long usr() {
        return base + usrOffset;
    }

    /** @return the USR1 register */
    public long usr1() {
        return base + usr1Offset;
    }

    /** @return the USR2 register */
    public long usr2() {
        return base + usr2Offset;
    }

    /** @return the W0 data register */
    public long w0() {
        return base + w0Offset;
    }

    /** @return the MISO length register */
    public long misoDlen() {
        return base + misoDlenOffset;
    }
}
