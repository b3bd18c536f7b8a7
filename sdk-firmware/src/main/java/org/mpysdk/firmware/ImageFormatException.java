package org.mpysdk.firmware;

/**
 * Bytes that should hold an ESP image (or a partition table) do not: wrong magic, segments out of
 * bounds, bad checksum or digest. Thrown by the image parsers for any garbage input.
 */
public class ImageFormatException extends FirmwareVerificationException {
    /** @param message what is wrong, at which offset */
    public ImageFormatException(String message) {
        super(message);
    }
}
