package org.mpysdk.core.flash;

/** The image reaches past the end of the board's flash. Raised before this flash erases or writes anything. */
public class ImageTooLargeException extends FlashException {
    /** The offset just past the image's last byte. */
    private final long imageEnd;
    /** The flash size the chip reported. */
    private final long flashSize;

    /**
     * @param imageEnd the offset just past the image's last byte
     * @param flashSize the flash size the chip reported
     */
    public ImageTooLargeException(long imageEnd, long flashSize) {
        this(imageEnd, flashSize, FlashState.UNTOUCHED);
    }

    /**
     * @param imageEnd the offset just past the image's last byte
     * @param flashSize the flash size the chip reported
     * @param state what the flash holds now, for the message
     */
    public ImageTooLargeException(long imageEnd, long flashSize, FlashState state) {
        super(String.format("the image ends at 0x%X but the flash holds only %s (0x%X bytes); %s. "
                + "Use firmware for a %s flash (a FLASH_%s variant) or check the offset", imageEnd,
                FlashSizes.format(flashSize), flashSize, state.description(), FlashSizes.format(flashSize),
                FlashSizes.argument(flashSize).replace("KB", "K").replace("MB", "M")));
        this.imageEnd = imageEnd;
        this.flashSize = flashSize;
    }

    /** @return the offset just past the image */
    public long imageEnd() {
        return imageEnd;
    }

    /** @return the flash size in bytes */
    public long flashSize() {
        return flashSize;
    }
}
