package org.mpysdk.core.flash;

/**
 * How {@link Bootloader#flash} writes. Defaults: compressed, MD5-verified, unchanged regions skipped,
 * header kept, checks on.
 *
 * <pre>{@code
 * FlashOptions.defaults().withSkipUnchanged(false).withHeaderPatch(HeaderPatch.keep().withMode(FlashMode.DOUT));
 * }</pre>
 *
 * @param compress deflate (level 9) where the loader supports it and it makes the data smaller
 * @param verify compare the chip's MD5 of each written region with the image's (one rewrite, then an error)
 * @param skipUnchanged before writing a region, compare MD5s and skip it when the flash already holds it
 * @param force write even when the image is for another chip, larger than the flash, or its header is corrupt
 * @param headerPatch flash settings to patch into the image at the bootloader offset ({@link HeaderPatch#keep()} by default)
 * @param eraseAll erase the whole flash after the image passed its checks and before writing (esptool's
 *     {@code write_flash --erase-all}); unlike {@code erase().flash(image)}, a refused image leaves the board as it was
 */
public record FlashOptions(boolean compress, boolean verify, boolean skipUnchanged, boolean force, HeaderPatch headerPatch,
        boolean eraseAll) {
    /**
     * @param compress whether to deflate the data
     * @param verify whether to compare MD5s after writing
     * @param skipUnchanged whether to skip regions the flash already holds
     * @param force whether to write despite chip, size or header checks failing
     * @param headerPatch flash settings to patch in; null means {@link HeaderPatch#keep()}
     * @param eraseAll whether to erase the whole flash, once the image passed its checks, before writing
     */
    public FlashOptions {
        headerPatch = headerPatch == null ? HeaderPatch.keep() : headerPatch;
    }

    /** @return compressed, verified, unchanged regions skipped, no forcing, header kept */
    public static FlashOptions defaults() {
        return new FlashOptions(true, true, true, false, HeaderPatch.keep(), false);
    }

    /**
     * @param on true to send deflated data where the loader supports it
     * @return a copy with compression on or off
     */
    public FlashOptions withCompress(boolean on) {
        return new FlashOptions(on, verify, skipUnchanged, force, headerPatch, eraseAll);
    }

    /**
     * @param on true to compare the chip's MD5 of each region with the image's after writing
     * @return a copy with MD5 verification on or off
     */
    public FlashOptions withVerify(boolean on) {
        return new FlashOptions(compress, on, skipUnchanged, force, headerPatch, eraseAll);
    }

    /**
     * @param on true to skip a region whose MD5 on the chip already matches; false always writes
     * @return a copy with skipping of unchanged regions on or off
     */
    public FlashOptions withSkipUnchanged(boolean on) {
        return new FlashOptions(compress, verify, on, force, headerPatch, eraseAll);
    }

    /**
     * @param on true to write even an image for another chip, too large, or with a corrupt header
     * @return a copy with forcing on or off
     */
    public FlashOptions withForce(boolean on) {
        return new FlashOptions(compress, verify, skipUnchanged, on, headerPatch, eraseAll);
    }

    /**
     * @param patch flash mode, frequency and size to write into the image header, or
     *     {@link HeaderPatch#keep()}
     * @return a copy that patches the header at the bootloader offset
     */
    public FlashOptions withHeaderPatch(HeaderPatch patch) {
        return new FlashOptions(compress, verify, skipUnchanged, force, patch, eraseAll);
    }

    /**
     * @param on true to erase the whole flash after the image passed its checks and before writing
     * @return a copy with the erase on or off
     */
    public FlashOptions withEraseAll(boolean on) {
        return new FlashOptions(compress, verify, skipUnchanged, force, headerPatch, on);
    }
}
