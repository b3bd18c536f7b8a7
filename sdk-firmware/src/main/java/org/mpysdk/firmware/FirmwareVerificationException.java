package org.mpysdk.firmware;

/**
 * A downloaded or cached image failed a check: ESP image structure, checksum, appended SHA-256,
 * chip, banner version, size, or a pinned hash. The file is not put into (or is removed from) the cache.
 */
public class FirmwareVerificationException extends FirmwareException {
    /** @param message which check failed, on which file, and what to do */
    public FirmwareVerificationException(String message) {
        super(message);
    }

    /**
     * @param message which check failed, on which file, and what to do
     * @param cause the underlying failure
     */
    public FirmwareVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
