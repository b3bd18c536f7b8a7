package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/** A copied file's read-back hash or size differs from the source. */
public class TransferVerificationException extends BoardException {
    /** @param message which file, what was expected and what was found */
    public TransferVerificationException(String message) {
        super(message);
    }
}
