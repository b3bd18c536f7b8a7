package org.mpysdk.firmware.mip;

import java.util.List;

/**
 * The board's filesystem filled up during the install. The file being written is left as it was (puts
 * replace a file only when complete); {@link #installed()} lists the files written before it.
 */
public class BoardOutOfSpaceException extends PackageException {
    /** The board paths written before the board ran out of space. */
    private final List<String> installed;

    /**
     * @param message which file did not fit, what was installed, and what to do
     * @param installed the board paths written before the board ran out of space
     * @param cause the board's OSError
     */
    public BoardOutOfSpaceException(String message, List<String> installed, Throwable cause) {
        super(message, cause);
        this.installed = List.copyOf(installed);
    }

    /** @return the board paths written before the board ran out of space */
    public List<String> installed() {
        return installed;
    }
}
