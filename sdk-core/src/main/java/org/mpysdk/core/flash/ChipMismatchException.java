package org.mpysdk.core.flash;

/**
 * The image is for another chip (an ESP32-S3 image for an ESP32). Raised before this flash erases or
 * writes anything (the message says so, or that an earlier erase had already wiped the flash);
 * {@link FlashOptions#withForce(boolean)} overrides it.
 */
public class ChipMismatchException extends FlashException {
    /** The chip the image is for, or null when its id is unknown. */
    private final Chip imageChip;
    /** The chip that answered. */
    private final Chip connectedChip;

    /**
     * @param imageChip the chip the image is for (null when the image names an id this SDK does not know)
     * @param connectedChip the chip that answered
     * @param where which part of the image said so
     */
    public ChipMismatchException(Chip imageChip, Chip connectedChip, String where) {
        this(imageChip, connectedChip, where, FlashState.UNTOUCHED);
    }

    /**
     * @param imageChip the chip the image is for (null when the image names an id this SDK does not know)
     * @param connectedChip the chip that answered
     * @param where which part of the image said so
     * @param state what the flash holds now, for the message
     */
    public ChipMismatchException(Chip imageChip, Chip connectedChip, String where, FlashState state) {
        super("the image is for " + (imageChip == null ? "an unknown chip" : imageChip.displayName()) + " (" + where
                + ") but the board is " + connectedChip.displayName() + "; " + state.description() + ". Pick the "
                + connectedChip.displayName() + " firmware, or pass FlashOptions.withForce(true) to flash anyway");
        this.imageChip = imageChip;
        this.connectedChip = connectedChip;
    }

    /** @return the chip the image is for, or null when its id is unknown */
    public Chip imageChip() {
        return imageChip;
    }

    /** @return the chip on the board */
    public Chip connectedChip() {
        return connectedChip;
    }
}
