package org.mpysdk.firmware;

import org.mpysdk.core.BoardException;

/**
 * Root of every failure of the firmware catalog: finding, downloading, caching and verifying
 * MicroPython images. Catch it to handle any firmware problem in one place.
 */
public class FirmwareException extends BoardException {
    /** @param message what happened and what to do about it */
    public FirmwareException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause the underlying failure
     */
    public FirmwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
