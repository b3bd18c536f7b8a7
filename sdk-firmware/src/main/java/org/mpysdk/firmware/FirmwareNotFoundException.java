package org.mpysdk.firmware;

/**
 * The board, variant, version or file asked for does not exist on the site (HTTP 404 or not listed).
 * The message lists what does exist where that is known.
 */
public class FirmwareNotFoundException extends FirmwareException {
    /** @param message what was not found and what exists instead */
    public FirmwareNotFoundException(String message) {
        super(message);
    }
}
