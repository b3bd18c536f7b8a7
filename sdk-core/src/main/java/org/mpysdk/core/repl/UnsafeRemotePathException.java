package org.mpysdk.core.repl;

/**
 * A file name on the board would land outside the local target folder when copied to the host
 * ({@code ..}, an absolute path, a drive letter). Nothing is written for it.
 */
public class UnsafeRemotePathException extends InvalidRemotePathException {
    /** @param message which name, which folder, and why it was refused */
    public UnsafeRemotePathException(String message) {
        super(message);
    }
}
