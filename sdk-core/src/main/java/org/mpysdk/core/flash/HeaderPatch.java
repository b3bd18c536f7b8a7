package org.mpysdk.core.flash;

/**
 * Flash settings to write into the header of the image at the chip's bootloader offset, as esptool's
 * {@code --flash-mode/--flash-size/--flash-freq}. A null field keeps the image's value. When the
 * image carries an appended SHA-256, it is recomputed so the bootloader still accepts the image.
 *
 * <pre>{@code
 * HeaderPatch.keep().withMode(FlashMode.DOUT).withSize(HeaderPatch.DETECT);
 * }</pre>
 *
 * @param mode new flash mode, or null to keep
 * @param size new flash size such as {@code "4MB"}, {@link #DETECT} for the detected size, or null to keep
 * @param freq new flash frequency such as {@code "40m"}, or null to keep
 */
public record HeaderPatch(FlashMode mode, String size, String freq) {
    /** Size value meaning "the size the flash id announces". */
    public static final String DETECT = "detect";

    /** @return a patch that changes nothing */
    public static HeaderPatch keep() {
        return new HeaderPatch(null, null, null);
    }

    /** @return whether every field keeps the image's value */
    public boolean keepsAll() {
        return mode == null && size == null && freq == null;
    }

    /**
     * @param newMode the flash mode to write, e.g. {@link FlashMode#DOUT} for boards whose flash wiring
     *     does not support DIO, or null to keep the image's
     * @return a copy with a new mode
     */
    public HeaderPatch withMode(FlashMode newMode) {
        return new HeaderPatch(newMode, size, freq);
    }

    /**
     * @param newSize the flash size to write ({@code "4MB"}), {@link #DETECT}, or null to keep the image's
     * @return a copy with a new size
     */
    public HeaderPatch withSize(String newSize) {
        return new HeaderPatch(mode, newSize, freq);
    }

    /**
     * @param newFreq the flash frequency to write ({@code "40m"}, {@code "80m"}), or null to keep the image's
     * @return a copy with a new frequency
     */
    public HeaderPatch withFreq(String newFreq) {
        return new HeaderPatch(mode, size, newFreq);
    }
}
