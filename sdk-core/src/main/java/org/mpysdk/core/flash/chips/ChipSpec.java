package org.mpysdk.core.flash.chips;

import java.io.IOException;

/**
 * Everything the host knows about one chip, as data: one record per chip, made by one small file per chip in
 * this package (as esptool's {@code targets/<chip>.py} and espflash's {@code targets/}), read by
 * {@link org.mpysdk.core.flash.Chip} and the serial flasher.
 *
 * @param esptoolName the name esptool's {@code --chip} takes, for example {@code esp32s3} or {@code esp32c5beta3}
 * @param displayName esptool's {@code CHIP_NAME}, for example {@code ESP32-S3}
 * @param image the image format: chip id, bootloader offset, header codes
 * @param rom the ROM loader: detection magic, status length, which commands exist
 * @param spi the SPI flash controller registers for raw flash commands (RDID)
 * @param crystal how the crystal frequency is learned
 * @param part how the part and revision are read from eFuses
 * @param mac where the base MAC is
 * @param stub the stub flasher's facts
 * @param fullySupported whether the SDK counts the chip as fully supported (ESP8266, ESP32, S2, S3, C3, C6): its
 *     facts were in use and tested (the virtual board models the ESP8266, ESP32, S3 and C3) before this table held
 *     every chip esptool knows; the others are described from esptool's sources and unit-tested only
 */
public record ChipSpec(String esptoolName, String displayName, ImageFormat image, RomLoader rom, SpiRegisters spi,
        Crystal crystal, PartLayout part, MacLayout mac, StubSupport stub, boolean fullySupported) {

    /**
     * @param regs reads the chip's registers
     * @return description and revision
     * @throws IOException when a read fails
     */
    public Identity identify(RegisterReader regs) throws IOException {
        return part.identify(regs);
    }

    /**
     * @param regs reads the chip's registers
     * @return the base MAC
     * @throws IOException when a read fails
     */
    public String readMac(RegisterReader regs) throws IOException {
        return mac.read(regs);
    }
}
