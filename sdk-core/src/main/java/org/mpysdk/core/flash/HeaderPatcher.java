package org.mpysdk.core.flash;

/**
 * Applies a {@link HeaderPatch} to the image at a chip's bootloader offset, keeping an appended SHA-256
 * consistent, the way esptool does: bytes 2 and 3 change, the digest is recomputed over everything
 * before it, and the rest of a merged binary stays as it was.
 */
public final class HeaderPatcher {
    private HeaderPatcher() {
    }

    /**
     * @param image the bytes written at {@code chip.flashOffset()}
     * @param chip the chip being flashed (its size and frequency codes differ)
     * @param patch what to change
     * @param detectedFlashSize the flash size for {@link HeaderPatch#DETECT}, or -1 when unknown
     * @return the patched copy, or {@code image} itself when nothing changes
     * @throws MalformedImageException when the image is not a valid image (esptool only warns and leaves it;
     *     we refuse, because the caller asked for a patch that cannot apply) or its appended SHA-256
     *     was already wrong
     * @throws IllegalArgumentException for a size or frequency the chip does not have
     */
    public static byte[] apply(byte[] image, Chip chip, HeaderPatch patch, long detectedFlashSize)
            throws MalformedImageException {
        if (patch == null || patch.keepsAll()) {
            return image;
        }
        EspImageHeader header = EspImageHeader.parse(image, chip.hasExtendedHeader());
        if (header.hashAppended() && !header.hashValid()) {
            throw new MalformedImageException("the image's appended SHA-256 does not match its content even before "
                    + "patching the header: the image is corrupt; download it again");
        }
        int mode = patch.mode() == null ? header.flashMode() : patch.mode().code();
        int sizeCode = header.flashSizeFreq() & 0xF0;
        if (patch.size() != null) {
            String size = patch.size();
            if (HeaderPatch.DETECT.equalsIgnoreCase(size)) {
                // esptool falls back to 4MB when the size cannot be detected.
                size = detectedFlashSize > 0 ? FlashSizes.argument(detectedFlashSize) : "4MB";
            }
            sizeCode = chip.flashSizeCode(size);
        }
        int freqCode = patch.freq() == null ? header.flashSizeFreq() & 0x0F : chip.flashFreqCode(patch.freq());
        byte newMode = (byte) mode;
        byte newSizeFreq = (byte) (sizeCode | freqCode);
        if (image[2] == newMode && image[3] == newSizeFreq) {
            return image;
        }
        byte[] out = image.clone();
        out[2] = newMode;
        out[3] = newSizeFreq;
        if (header.hashAppended()) {
            byte[] digest = EspImageHeader.sha256(out, header.dataLength());
            System.arraycopy(digest, 0, out, header.dataLength(), digest.length);
        }
        return out;
    }
}
