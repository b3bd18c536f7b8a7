package org.mpysdk.core.flash;

import java.util.Optional;

/**
 * The checks made before anything is erased: the image is for this chip, fits the flash, and the image
 * at the bootloader offset is well formed. {@code force} skips them, as esptool's {@code --force}.
 */
public final class ImageChecks {
    private ImageChecks() {
    }

    /**
     * @param image what is about to be written
     * @param chip the connected chip
     * @param flashSize the detected flash size, or -1 when unknown (then size is not checked)
     * @throws ChipMismatchException when the image (declared or by header) is for another chip
     * @throws ImageTooLargeException when it ends past the flash
     * @throws MalformedImageException when the region at the bootloader offset is not a valid image
     */
    public static void check(FlashImage image, Chip chip, long flashSize) throws FlashException {
        check(image, chip, flashSize, FlashState.UNTOUCHED);
    }

    /**
     * As {@link #check(FlashImage, Chip, long)}, with what the flash holds already for the messages.
     *
     * @param image what is about to be written
     * @param chip the connected chip
     * @param flashSize the detected flash size, or -1 when unknown (then size is not checked)
     * @param state whether an earlier erase on this connection already wiped the flash
     * @throws ChipMismatchException when the image (declared or by header) is for another chip
     * @throws ImageTooLargeException when it ends past the flash
     * @throws MalformedImageException when the region at the bootloader offset is not a valid image
     */
    public static void check(FlashImage image, Chip chip, long flashSize, FlashState state) throws FlashException {
        if (image.chip() != null && image.chip() != chip) {
            throw new ChipMismatchException(image.chip(), chip, "as declared by the image", state);
        }
        for (FlashRegion region : image.regions()) {
            checkRegion(region, chip, state);
        }
        if (flashSize > 0 && image.end() > flashSize) {
            throw new ImageTooLargeException(image.end(), flashSize, state);
        }
    }

    private static void checkRegion(FlashRegion region, Chip chip, FlashState state) throws FlashException {
        boolean atBootloader = region.offset() == chip.flashOffset();
        byte[] bytes = region.bytes();
        boolean hasMagic = bytes.length > 0 && (bytes[0] & 0xFF) == EspImageHeader.MAGIC;
        if (!hasMagic) {
            if (atBootloader) {
                throw new MalformedImageException(String.format("the region at 0x%X, where the %s bootloader goes, does not "
                        + "start with an image header (first byte 0x%02X, expected 0xE9): this is not a firmware image "
                        + "for this chip, or it is placed at the wrong offset", region.offset(), chip.displayName(),
                        bytes.length > 0 ? bytes[0] & 0xFF : 0));
            }
            return;
        }
        EspImageHeader header;
        try {
            header = EspImageHeader.parse(bytes);
        } catch (MalformedImageException e) {
            if (atBootloader) {
                throw corrupt(region, e);
            }
            return; // data that happens to start with 0xE9
        }
        Optional<Chip> imageChip = header.chip();
        String where = String.format("header at 0x%X", region.offset());
        if (header.extended() && imageChip.isEmpty()) {
            throw new ChipMismatchException(null, chip, where + " names chip id " + header.chipId(), state);
        }
        if (imageChip.isPresent() && imageChip.get() != chip) {
            throw new ChipMismatchException(imageChip.get(), chip, where, state);
        }
        if (atBootloader) {
            try {
                header.requireIntact();
            } catch (MalformedImageException e) {
                throw corrupt(region, e);
            }
        }
    }

    private static MalformedImageException corrupt(FlashRegion region, MalformedImageException e) {
        return new MalformedImageException(String.format("the image at 0x%X is corrupt: %s", region.offset(), e.getMessage()));
    }
}
