package org.mpysdk.core;

import java.io.IOException;

/**
 * Root of every failure the SDK reports. Each subtype's message says what happened and what to try.
 *
 * <p>It is an {@link IOException} because nearly every failure involves a link to a board; catch this
 * type to handle any SDK failure in one place.
 */
public class BoardException extends IOException {
    /** @param message what happened and what to do about it */
    public BoardException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause the underlying failure
     */
    public BoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
