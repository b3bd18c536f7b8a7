package org.mpysdk.firmware;

/**
 * An image is built for another chip than the board it is meant for (for example an ESP32-S3 image
 * for an ESP32), according to the chip id in the image header.
 */
public class FirmwareChipMismatchException extends FirmwareVerificationException {
    /** @param message both chips and which firmware to pick instead */
    public FirmwareChipMismatchException(String message) {
        super(message);
    }
}
