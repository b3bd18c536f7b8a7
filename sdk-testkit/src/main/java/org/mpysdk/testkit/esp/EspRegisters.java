package org.mpysdk.testkit.esp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The chip's 32-bit register space as READ_REG and WRITE_REG see it: the profile's fixed values (magic,
 * eFuses), a UART divider that matches the current baud (so esptool's crystal guess comes out right),
 * and just enough of the SPI flash controller to answer the JEDEC RDID (0x9F) command that esptool and
 * esptool-js send through the user-command registers. Everything else reads back what was written, or 0.
 */
final class EspRegisters {
    private static final int SPIFLASH_RDID = 0x9F;
    private static final int WINBOND = 0xEF;
    private static final int MEMORY_TYPE = 0x40;

    private final ChipProfile profile;
    private final IntSupplier baud;
    private final int flashId;
    private final Map<Integer, Integer> values = new HashMap<>();

    /**
     * @param profile the chip
     * @param flashSize bytes of flash, a power of two, for the capacity byte of the flash id
     * @param baud the line's current baud rate
     */
    EspRegisters(ChipProfile profile, int flashSize, IntSupplier baud) {
        this.profile = profile;
        this.baud = baud;
        this.flashId = WINBOND | MEMORY_TYPE << 8 | capacityCode(flashSize) << 16;
        values.putAll(profile.registers());
    }

    /** @return the JEDEC id the flash answers to RDID: manufacturer, memory type, capacity (log2 of the size) */
    int flashId() {
        return flashId;
    }

    synchronized int read(int address) {
        if (address == profile.uartClkdivReg()) {
            // The ROM programs the divider from the auto-bauded rate: UART clock / baud.
            int b = Math.max(1, baud.getAsInt());
            return (int) Math.round((double) profile.xtalMhz() * profile.uartClockFactor() * 1_000_000 / b);
        }
        return values.getOrDefault(address, 0);
    }

    /** Writes {@code value} under {@code mask} and runs a SPI user command when SPI_CMD's USR bit is set. */
    synchronized void write(int address, int value, int mask) {
        int old = values.getOrDefault(address, 0);
        int now = (old & ~mask) | (value & mask);
        values.put(address, now);
        SpiRegisters spi = profile.spi();
        if (address == spi.cmd() && (now & SpiRegisters.CMD_USR) != 0) {
            int command = values.getOrDefault(spi.usr2Address(), 0) & 0xFF;
            // Only RDID has an answer worth modelling; status reads, resets and SFDP reads return 0.
            values.put(spi.w0Address(), command == SPIFLASH_RDID ? flashId : 0);
            // The controller clears USR when the command has run; hosts poll for that.
            values.put(address, now & ~SpiRegisters.CMD_USR);
        }
    }

    private static int capacityCode(int flashSize) {
        if (Integer.bitCount(flashSize) != 1) {
            throw new IllegalArgumentException("flash size must be a power of two for its JEDEC id, got " + flashSize);
        }
        return Integer.numberOfTrailingZeros(flashSize);
    }
}
