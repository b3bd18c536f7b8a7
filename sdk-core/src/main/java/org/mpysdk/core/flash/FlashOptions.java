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
 */
public record FlashOptions(boolean compress, boolean verify, boolean skipUnchanged, boolean force, HeaderPatch headerPatch) {
    /** Replaces a null patch by {@link HeaderPatch#keep()}. */
    public FlashOptions {
        headerPatch = headerPatch == null ? HeaderPatch.keep() : headerPatch;
    }

    /** @return compressed, verified, unchanged regions skipped, no forcing, header kept */
    public static FlashOptions defaults() {
        return new FlashOptions(true, true, true, false, HeaderPatch.keep());
    }

    /** @return a copy with compression on or off */
    public FlashOptions withCompress(boolean on) {
        return new FlashOptions(on, verify, skipUnchanged, force, headerPatch);
    }

    /** @return a copy with MD5 verification on or off */
    public FlashOptions withVerify(boolean on) {
        return new FlashOptions(compress, on, skipUnchanged, force, headerPatch);
    }

    /** @return a copy with skipping of unchanged regions on or off */
    public FlashOptions withSkipUnchanged(boolean on) {
        return new FlashOptions(compress, verify, on, force, headerPatch);
    }

    /** @return a copy that writes even an image for another chip, too large, or with a corrupt header */
    public FlashOptions withForce(boolean on) {
        return new FlashOptions(compress, verify, skipUnchanged, on, headerPatch);
    }

    /** @return a copy that patches the header at the bootloader offset */
    public FlashOptions withHeaderPatch(HeaderPatch patch) {
        return new FlashOptions(compress, verify, skipUnchanged, force, patch);
    }
}
