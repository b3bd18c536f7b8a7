package org.mpysdk.samples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.EspImageHeader;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.core.flash.MalformedImageException;
import org.mpysdk.firmware.CatalogFormatException;
import org.mpysdk.firmware.Firmware;
import org.mpysdk.firmware.FirmwareFileName;

/**
 * Reads the image of {@code mpy flash --file}, whatever the file is called. A name in micropython.org's
 * grammar ({@code ESP32_GENERIC-20251209-v1.27.0.bin}) is an extra hint: such a file goes through
 * {@link Firmware#load}, which also checks the banner against the version and the chip against the
 * board's metadata. Any other name ({@code fw.bin}, {@code build/merged.bin}) is placed by its image
 * header alone: the chip comes from the header's chip id (ESP8266 when it has none), the offset from
 * the chip. Either way the flasher checks the header against the connected chip before erasing.
 */
final class LocalImage {
    /** Where a file meant for flash 0x0 carries its bootloader after 0xFF padding (esptool merge_bin output). */
    private static final int[] PADDED_BOOTLOADER_AT = {0x1000, 0x2000};

    private LocalImage() {
    }

    /**
     * @param file the image to flash
     * @return it, with a name for the summary
     * @throws IOException when the file cannot be read, is not an ESP image, names a chip this SDK does
     *     not know, or (micropython.org names) fails {@link Firmware#load}'s checks
     */
    static ImageChooser.Chosen load(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (hasMicroPythonOrgName(name)) {
            Firmware fw = Firmware.load(file);
            return new ImageChooser.Chosen(fw.fileName().toString(), fw);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        FlashImage image = byHeader(name, bytes);
        return new ImageChooser.Chosen(name + " (" + image.chip().displayName() + " image, by its header)", image);
    }

    private static boolean hasMicroPythonOrgName(String name) {
        try {
            FirmwareFileName.parse(name);
            return true;
        } catch (CatalogFormatException e) {
            return false; // not a hint, not an error: the header decides
        }
    }

    /**
     * Places a file by its image header: at the chip's bootloader offset, or at 0x0 when the file is
     * padded up to the bootloader (a merged image). The padding becomes a region of its own so that
     * the bootloader region starts at the chip's bootloader offset, where the flasher checks its chip
     * id and integrity (and {@code --force} skips those checks, as for any image).
     */
    static FlashImage byHeader(String name, byte[] bytes) throws MalformedImageException {
        int at = bootloaderAt(bytes);
        EspImageHeader header;
        try {
            header = at == 0 ? EspImageHeader.parse(bytes) : EspImageHeader.parse(bytes, at, true);
        } catch (MalformedImageException e) {
            throw new MalformedImageException(name + " is not an ESP firmware image: " + e.getMessage());
        }
        Chip chip = header.chip().orElseThrow(() -> new MalformedImageException(String.format("%s: its image header names "
                + "chip id %d, which this mpy does not know; nothing was written (a newer mpy may know the chip)",
                name, header.chipId())));
        if (at == 0) {
            return FlashImage.forChip(chip, bytes);
        }
        if (at != chip.flashOffset()) {
            throw new MalformedImageException(String.format("%s: its %s bootloader sits at file offset 0x%X, but %s "
                    + "bootloaders go at 0x%X; nothing was written (the file is not a merged image for flash 0x0)",
                    name, chip.displayName(), at, chip.displayName(), chip.flashOffset()));
        }
        return new FlashImage(chip, List.of(new FlashRegion(0, Arrays.copyOfRange(bytes, 0, at)),
                new FlashRegion(at, Arrays.copyOfRange(bytes, at, bytes.length))));
    }

    /** @return where the first image header is: 0, or after 0xFF padding at a bootloader offset; 0 if none */
    static int bootloaderAt(byte[] bytes) {
        if (bytes.length > 0 && (bytes[0] & 0xFF) == EspImageHeader.MAGIC) {
            return 0;
        }
        for (int at : PADDED_BOOTLOADER_AT) {
            if (bytes.length > at && (bytes[at] & 0xFF) == EspImageHeader.MAGIC && allErased(bytes, at)) {
                return at;
            }
        }
        return 0; // no header anywhere: parsing at 0 explains what is there
    }

    private static boolean allErased(byte[] bytes, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (bytes[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
