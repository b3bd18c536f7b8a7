package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/**
 * An upload failed and could not tidy up after itself, so something it wrote is still on the board.
 * The message says what: usually the temporary file next to the target (the target itself is then
 * unchanged), or, on firmware without {@code os.rename} whose on-board copy failed, a target that may be
 * incomplete beside the complete, verified temporary file. The cause is the failure itself (a lost link,
 * a reset, a cancel).
 */
public class PartialUploadException extends BoardException {
    /** The board path the upload was to replace. */
    private final String target;
    /** What the failed upload left on the board, in words. */
    private final String leftover;

    /**
     * @param message what failed and what is left on the board, with what to do about it
     * @param target the board file the upload was replacing
     * @param leftover the board file left behind (the temporary file)
     * @param cause the failure that stopped the upload
     */
    public PartialUploadException(String message, String target, String leftover, Throwable cause) {
        super(message, cause);
        this.target = target;
        this.leftover = leftover;
    }

    /** @return the board file the upload was replacing */
    public String target() {
        return target;
    }

    /** @return the board file left behind, to remove or rename by hand */
    public String leftover() {
        return leftover;
    }
}
