package org.mpysdk.firmware;

/**
 * Bytes that should hold an ESP image (or a partition table) do not: wrong magic, segments out of
 * bounds, bad checksum or digest, a layout that contradicts the chip. Thrown by the image verifier and
 * the partition table parser for any garbage input; when core's image parser found the fault, its
 * {@link org.mpysdk.core.flash.MalformedImageException} is the cause.
 */
public class ImageVerificationException extends FirmwareVerificationException {
    /** @param message what is wrong, at which offset */
    public ImageVerificationException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, at which offset
     * @param cause the failure of core's image parser ({@link org.mpysdk.core.flash.MalformedImageException})
     */
    public ImageVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
