package org.mpysdk.serial.esp;

import java.io.IOException;
import org.mpysdk.core.flash.FlashException;
import org.mpysdk.core.flash.FlashId;
import org.mpysdk.core.flash.chips.SpiRegisters;

/**
 * Sends a raw SPI flash command through the chip's SPI controller using only READ_REG and WRITE_REG
 * (esptool's {@code run_spiflash_command}), to read the flash's JEDEC id.
 */
final class SpiFlash {
    private static final int RDID = 0x9F;
    private static final int USR_COMMAND = 1 << 31;
    private static final int USR_MISO = 1 << 28;
    private static final int CMD_USR = 1 << 18;
    private static final int COMMAND_LENGTH_SHIFT = 28;
    private static final int MISO_BITLEN_SHIFT_ESP8266 = 8;

    private SpiFlash() {
    }

    /**
     * Reads the flash id by driving the SPI controller's registers, as esptool does on the ROM.
     *
     * @param link a synced link to the loader
     * @param spi the register addresses of the chip's SPI controller
     * @return the flash's JEDEC id (RDID, 24 bits)
     * @throws FlashException when the controller does not finish the command
     */
    public static FlashId readId(EspLink link, SpiRegisters spi) throws IOException {
        return FlashId.fromRdid(run(link, spi, RDID, 24) & 0xFFFFFF);
    }

    /** Runs a command with no address and no data out, reading {@code readBits} (1-32) back. */
    static int run(EspLink link, SpiRegisters spi, int command, int readBits) throws IOException {
        int oldUsr = link.readReg(spi.usr());
        int oldUsr2 = link.readReg(spi.usr2());
        if (spi.hasDataLengthRegisters()) {
            link.writeReg(spi.misoDlen(), readBits - 1);
        } else {
            link.writeReg(spi.usr1(), (readBits - 1) << MISO_BITLEN_SHIFT_ESP8266);
        }
        link.writeReg(spi.usr(), USR_COMMAND | USR_MISO);
        link.writeReg(spi.usr2(), 7 << COMMAND_LENGTH_SHIFT | command);
        link.writeReg(spi.w0(), 0);
        link.writeReg(spi.cmd(), CMD_USR);
        boolean done = false;
        for (int i = 0; i < 10 && !done; i++) {
            done = (link.readReg(spi.cmd()) & CMD_USR) == 0;
        }
        if (!done) {
            throw new FlashException(String.format("the SPI flash command 0x%02X did not complete: the flash does not "
                    + "answer (check the flash wiring and the SPI pins)", command));
        }
        int value = link.readReg(spi.w0());
        link.writeReg(spi.usr(), oldUsr);
        link.writeReg(spi.usr2(), oldUsr2);
        return value;
    }
}
