package org.mpysdk.core.flash.chips;

import java.util.List;

/**
 * What a chip's ROM serial loader offers, as esptool's target classes and {@code loader.py} have it.
 *
 * @param magicValues values of the word at {@link #MAGIC_REGISTER} that identify the chip
 *     ({@code CHIP_DETECT_MAGIC_VALUE}, plus later ECO values where noted per chip)
 * @param statusLength status bytes at the end of a ROM response ({@code STATUS_BYTES_LENGTH}: 2 on the ESP8266,
 *     4 on the others)
 * @param esp32Commands whether the ROM has the commands esptool marks {@code stub_and_esp32_function_only}:
 *     FLASH_DEFL_*, SPI_FLASH_MD5, CHANGE_BAUDRATE, and also SPI_ATTACH, SPI_SET_PARAMS and READ_FLASH_SLOW
 *     (every ROM but the ESP8266's)
 * @param encryptedFlash {@code SUPPORTS_ENCRYPTED_FLASH}: the ROM's FLASH_BEGIN takes a 5th "encrypted" word
 * @param securityInfo whether the ROM answers GET_SECURITY_INFO (the ESP32-S2 in its short form)
 * @param eraseSizeBug whether FLASH_BEGIN's erase size needs esptool's ESP8266 workaround
 *     ({@code get_erase_size})
 * @param baud the rate the ROM loader starts at ({@code ESP_ROM_BAUD})
 */
public record RomLoader(List<Long> magicValues, int statusLength, boolean esp32Commands, boolean encryptedFlash,
        boolean securityInfo, boolean eraseSizeBug, int baud) {
    /** {@code CHIP_DETECT_MAGIC_REG_ADDR}: the ROM word esptool reads to tell chips without chip id apart. */
    public static final long MAGIC_REGISTER = 0x40001000L;
    /** {@code ESP_ROM_BAUD}, the same for every chip. */
    public static final int ROM_BAUD = 115200;

    /**
     * Copies the list.
     *
     * @param magicValues chip-detect magic values
     * @param statusLength status bytes per response
     * @param esp32Commands whether the ESP32-and-later ROM commands exist
     * @param encryptedFlash whether FLASH_BEGIN takes the encrypted word
     * @param securityInfo whether GET_SECURITY_INFO exists
     * @param eraseSizeBug whether the ESP8266 erase workaround applies
     * @param baud the ROM's initial rate
     */
    public RomLoader {
        magicValues = List.copyOf(magicValues);
    }

    /**
     * @param magicValues chip-detect magic values
     * @return the ROM of a chip since the ESP32-S2: 4 status bytes, encrypted-flash FLASH_BEGIN, GET_SECURITY_INFO
     */
    public static RomLoader sinceEsp32S2(Long... magicValues) {
        return new RomLoader(List.of(magicValues), 4, true, true, true, false, ROM_BAUD);
    }

    /**
     * @param magic a word read from {@link #MAGIC_REGISTER}
     * @return whether it is one of this chip's magic values
     */
    public boolean hasMagic(int magic) {
        return magicValues.contains(magic & 0xFFFFFFFFL);
    }
}
