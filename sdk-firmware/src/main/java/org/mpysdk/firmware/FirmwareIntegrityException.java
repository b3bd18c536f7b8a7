package org.mpysdk.firmware;

/**
 * The SHA-256 of a file differs from the one the caller expected or from the one pinned in the lock
 * file on first download. Either the file was replaced on the server or it was tampered with.
 */
public class FirmwareIntegrityException extends FirmwareVerificationException {
    /** @param message both hashes, where the pin lives, and what to do */
    public FirmwareIntegrityException(String message) {
        super(message);
    }
}
