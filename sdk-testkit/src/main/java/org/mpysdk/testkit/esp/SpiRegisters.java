package org.mpysdk.testkit.esp;

/**
 * Where a chip's SPI flash controller keeps the "user command" registers that esptool and esptool-js
 * drive through READ_REG/WRITE_REG to send a JEDEC RDID (0x9F) and read the flash id back.
 *
 * @param base the controller's base address
 * @param usr offset of SPI_USR (command/address/MISO/MOSI enable bits)
 * @param usr1 offset of SPI_USR1 (on ESP8266 it also holds the MOSI/MISO bit lengths)
 * @param usr2 offset of SPI_USR2 (command length in bits 28-31, command value in the low bits)
 * @param w0 offset of the first data word SPI_W0
 * @param mosiDlen offset of SPI_MOSI_DLEN, or 0 where the chip has none (ESP8266)
 * @param misoDlen offset of SPI_MISO_DLEN, or 0 where the chip has none (ESP8266)
 */
public record SpiRegisters(int base, int usr, int usr1, int usr2, int w0, int mosiDlen, int misoDlen) {
    /** Bit of SPI_CMD that starts a user command; the hardware clears it when the command is done. */
    public static final int CMD_USR = 1 << 18;

    /** @return the address of SPI_CMD (offset 0) */
    public int cmd() {
        return base;
    }

    /** @return the absolute address of SPI_USR2 */
    public int usr2Address() {
        return base + usr2;
    }

    /** @return the absolute address of SPI_W0 */
    public int w0Address() {
        return base + w0;
    }
}
