package org.mpysdk.firmware;

/**
 * A page of the firmware site or a file name did not have the expected shape: the site changed, or
 * the base URL points somewhere else. Never reported as an empty list, because "no firmware" and
 * "could not read the page" need different actions.
 */
public class CatalogFormatException extends FirmwareException {
    /** @param message what did not parse, where, and what to do */
    public CatalogFormatException(String message) {
        super(message);
    }

    /**
     * @param message what did not parse, where, and what to do
     * @param cause the underlying failure
     */
    public CatalogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
