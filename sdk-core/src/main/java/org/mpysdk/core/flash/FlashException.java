package org.mpysdk.core.flash;

import org.mpysdk.core.BoardException;

/** Root of the failures of bootloader work: connecting, identifying, erasing, writing, verifying. */
public class FlashException extends BoardException {
    /** @param message what happened and what to do about it */
    public FlashException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause the underlying failure
     */
    public FlashException(String message, Throwable cause) {
        super(message, cause);
    }
}
