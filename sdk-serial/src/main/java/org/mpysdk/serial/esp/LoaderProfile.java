package org.mpysdk.serial.esp;

import org.mpysdk.core.flash.Chip;
import org.mpysdk.serial.esp.internal.targets.Target;

/**
 * Which loader answers (ROM or stub, on which chip, in Secure Download Mode or not), and what follows
 * from that: block sizes, status length, which commands exist.
 *
 * @param target the chip's target
 * @param stub whether the stub flasher runs
 * @param secureDownloadMode whether the ROM is in Secure Download Mode
 */
record LoaderProfile(Target target, boolean stub, boolean secureDownloadMode) {
    /** ROM flash block size. */
    public static final int ROM_FLASH_BLOCK = 0x400;
    /** Stub flash block size. */
    public static final int STUB_FLASH_BLOCK = 0x4000;
    /** Flash sector (erase unit). */
    public static final int SECTOR = 0x1000;

    /** @return the chip */
    public Chip chip() {
        return target.facts().chip();
    }

    /** @return the status length of this loader's responses: 2 for every stub and the ESP8266 ROM, 4 for later ROMs */
    public int statusLength() {
        return stub ? 2 : target.facts().romStatusLength();
    }

    /** @return bytes per FLASH_DATA / FLASH_DEFL_DATA block */
    public int flashBlockSize() {
        return stub ? STUB_FLASH_BLOCK : ROM_FLASH_BLOCK;
    }

    /** @return whether FLASH_DEFL_* exists (not on the ESP8266 ROM, not in Secure Download Mode) */
    public boolean supportsCompression() {
        // Secure Download Mode allows only the plain FLASH_* commands.
        return !secureDownloadMode && (stub || target.facts().romSupportsCompressed());
    }

    /**
     * @return whether FLASH_BEGIN / FLASH_DEFL_BEGIN take the 5th "encrypted" word: only the ROMs of chips
     *     with encrypted-flash support (S2 and later). Every stub takes exactly four words: esptool 4.8's ESP32
     *     stub refuses a 20-byte FLASH_DEFL_BEGIN with status 1 (seen on the real stub in Espressif's QEMU)
     */
    public boolean beginTakesEncryptedFlag() {
        return !stub && target.facts().romBeginTakesEncryptedFlag();
    }

    /** @return whether SPI_FLASH_MD5 exists (not on the ESP8266 ROM, not in Secure Download Mode) */
    public boolean supportsMd5() {
        return !secureDownloadMode && (stub || romHasEsp32Commands());
    }

    /** @return whether ERASE_FLASH, ERASE_REGION and READ_FLASH exist (stub only) */
    public boolean hasStubCommands() {
        return stub;
    }

    /** @return whether READ_FLASH_SLOW exists (ROM of the ESP32 family) */
    public boolean supportsSlowRead() {
        return !stub && romHasEsp32Commands() && !secureDownloadMode;
    }

    /** @return whether CHANGE_BAUDRATE exists (everything but the ESP8266 ROM) */
    public boolean supportsBaudChange() {
        return stub || romHasEsp32Commands();
    }

    /** @return whether SPI_ATTACH / SPI_SET_PARAMS exist (not on the ESP8266 ROM) */
    public boolean supportsSpiCommands() {
        return stub || romHasEsp32Commands();
    }

    /** @return whether writes must start on a sector boundary (ROM only) */
    public boolean needsSectorAlignedWrites() {
        return !stub;
    }

    /**
     * @param offset flash address where the write starts
     * @param size bytes to be written
     * @return FLASH_BEGIN's erase size for {@code size} bytes at {@code offset}: the size itself, except on
     *     the ESP8266 ROM, whose erase routine has a bug esptool works around (it erases the sectors up to
     *     the next 64 KiB boundary twice over)
     */
    public long eraseSize(long offset, long size) {
        if (stub || !target.spec().rom().eraseSizeBug()) {
            return size;
        }
        long sectorsPerBlock = 16;
        long sectors = (size + SECTOR - 1) / SECTOR;
        long startSector = offset / SECTOR;
        long head = Math.min(sectorsPerBlock - startSector % sectorsPerBlock, sectors);
        return sectors < 2 * head ? (sectors + 1) / 2 * SECTOR : (sectors - head) * SECTOR;
    }

    // The ROM commands esptool marks stub_and_esp32_function_only: every ROM but the ESP8266's.
    private boolean romHasEsp32Commands() {
        return target.spec().rom().esp32Commands();
    }

    /** @return this profile with the stub running */
    public LoaderProfile withStub() {
        return new LoaderProfile(target, true, secureDownloadMode);
    }

    @Override
    public String toString() {
        return chip().displayName() + (stub ? " stub" : " ROM") + (secureDownloadMode ? " (Secure Download Mode)" : "");
    }
}
