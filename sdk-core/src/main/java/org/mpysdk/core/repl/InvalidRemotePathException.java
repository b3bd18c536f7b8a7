package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/** A path on the board that the SDK refuses to use: it holds a NUL, a newline or is empty. */
public class InvalidRemotePathException extends BoardException {
    /** @param message which path and why it is refused */
    public InvalidRemotePathException(String message) {
        super(message);
    }
}
