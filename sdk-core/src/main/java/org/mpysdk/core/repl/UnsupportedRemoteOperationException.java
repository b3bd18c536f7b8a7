package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/** The firmware lacks what an operation needs, for example directories on the micro:bit's flat filesystem. */
public class UnsupportedRemoteOperationException extends BoardException {
    /** @param message what is missing and what to do instead */
    public UnsupportedRemoteOperationException(String message) {
        super(message);
    }
}
