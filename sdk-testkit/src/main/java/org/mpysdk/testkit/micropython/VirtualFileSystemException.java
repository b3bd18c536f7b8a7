package org.mpysdk.testkit.micropython;

import org.mpysdk.core.BoardException;

/** A file operation on a virtual board's in-memory file system, done from Java, failed. */
public class VirtualFileSystemException extends BoardException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and why */
    public VirtualFileSystemException(String message) {
        super(message);
    }
}
