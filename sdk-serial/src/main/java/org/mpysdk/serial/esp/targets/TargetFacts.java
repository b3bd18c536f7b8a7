package org.mpysdk.serial.esp.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;

/**
 * The facts about one chip's ROM loader that the host needs, as data (from esptool's and esptool-js's
 * target files).
 *
 * @param chip the chip
 * @param magicValues values of the word at 0x40001000 that identify the chip (esptool-js's legacy list included)
 * @param macRegister address of the eFuse word holding the low 32 MAC bits (the next word holds the high 16)
 * @param spi the SPI controller registers for raw flash commands
 * @param romStatusLength status bytes at the end of a ROM response (2 on the ESP8266, 4 on the others)
 * @param romSupportsCompressed whether the ROM has FLASH_DEFL_* (not the ESP8266)
 * @param romBeginTakesEncryptedFlag whether the ROM's FLASH_BEGIN takes a 5th "encrypted" word (not ESP8266, ESP32)
 * @param romHasSecurityInfo whether the ROM answers GET_SECURITY_INFO (ESP32-S2 and later)
 * @param uartClkdivRegister UART clock divider register for crystal estimation, or 0 when not used
 * @param xtalClockDivider what the UART clock is divided by relative to the crystal (2 on the ESP8266)
 * @param fixedCrystalMhz the crystal when the chip has only one (40 on S2/S3/C3/C6/P4, 32 on H2), else 0
 */
public record TargetFacts(Chip chip, List<Long> magicValues, long macRegister, SpiRegisters spi, int romStatusLength,
        boolean romSupportsCompressed, boolean romBeginTakesEncryptedFlag, boolean romHasSecurityInfo,
        long uartClkdivRegister, int xtalClockDivider, int fixedCrystalMhz) {
    /**
     * Copies the list.
     *
     * @param chip the chip
     * @param magicValues values of the word at 0x40001000 that identify the chip
     * @param macRegister address of the eFuse word holding the low 32 MAC bits
     * @param spi the SPI controller registers
     * @param romStatusLength status bytes at the end of a ROM response
     * @param romSupportsCompressed whether the ROM has FLASH_DEFL_*
     * @param romBeginTakesEncryptedFlag whether the ROM's FLASH_BEGIN takes a 5th word
     * @param romHasSecurityInfo whether the ROM answers GET_SECURITY_INFO
     * @param uartClkdivRegister UART clock divider register, or 0
     * @param xtalClockDivider UART clock divider relative to the crystal
     * @param fixedCrystalMhz the only crystal the chip takes, or 0
     */
    public TargetFacts {
        magicValues = List.copyOf(magicValues);
    }

    /** @return the chip's bootloader offset (where MicroPython's .bin goes) */
    public long bootloaderOffset() {
        return chip.flashOffset();
    }
}
