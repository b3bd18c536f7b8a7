package org.mpysdk.firmware.mip;

import org.mpysdk.core.BoardException;

/**
 * Root of every failure of {@link PackageInstaller}: finding a package in the index, downloading and
 * verifying its files, writing them to the board. Catch it to handle any install problem in one place.
 */
public class PackageException extends BoardException {
    /** @param message what happened and what to do about it */
    public PackageException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause the underlying failure
     */
    public PackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
