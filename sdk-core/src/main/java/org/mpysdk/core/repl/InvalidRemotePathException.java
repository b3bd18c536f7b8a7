package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/**
 * A path on the board that the SDK refuses to use: it is empty, holds a NUL or a line break, or has a
 * {@code .}, {@code ..} or empty part. Nothing is sent to the board for it.
 */
public class InvalidRemotePathException extends BoardException {
    /** @param message which path and why it is refused */
    public InvalidRemotePathException(String message) {
        super(message);
    }
}
