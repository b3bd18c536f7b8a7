package org.mpysdk.serial.esp.internal.targets;

import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.chips.ChipSpec;
import org.mpysdk.core.flash.chips.RomLoader;
import org.mpysdk.core.flash.chips.SpiRegisters;

/**
 * The facts about one chip's ROM loader that the flasher asks for, read from the chip's {@link ChipSpec}
 * (this record holds no data of its own, so the facts stay in one place).
 *
 * @param chip the chip
 */
public record TargetFacts(Chip chip) {
    /** @return the chip's full description */
    public ChipSpec spec() {
        return chip.spec();
    }

    private RomLoader rom() {
        return chip.spec().rom();
    }

    /** @return values of the word at 0x40001000 that identify the chip */
    public List<Long> magicValues() {
        return rom().magicValues();
    }

    /** @return the SPI controller registers for raw flash commands */
    public SpiRegisters spi() {
        return chip.spec().spi();
    }

    /** @return status bytes at the end of a ROM response (2 on the ESP8266, 4 on the others) */
    public int romStatusLength() {
        return rom().statusLength();
    }

    /** @return whether the ROM has FLASH_DEFL_* (not the ESP8266) */
    public boolean romSupportsCompressed() {
        return rom().esp32Commands();
    }

    /** @return whether the ROM's FLASH_BEGIN takes a 5th "encrypted" word (not ESP8266, ESP32) */
    public boolean romBeginTakesEncryptedFlag() {
        return rom().encryptedFlash();
    }

    /** @return whether the ROM answers GET_SECURITY_INFO (ESP32-S2 and later) */
    public boolean romHasSecurityInfo() {
        return rom().securityInfo();
    }

    /** @return the chip's bootloader offset (where MicroPython's .bin goes) */
    public long bootloaderOffset() {
        return chip.flashOffset();
    }
}
