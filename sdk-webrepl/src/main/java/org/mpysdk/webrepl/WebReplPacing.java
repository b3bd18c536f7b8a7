package org.mpysdk.webrepl;

import org.mpysdk.core.BoardOption;

/**
 * How REPL input (text frames) is cut and paced, as an option of {@code Board.open}.
 *
 * <p>The board copies WebREPL input into a small ring buffer that the REPL empties; a burst of more
 * than about 255 bytes overflows it and the rest is lost (micropython#16997, #2497). So input goes out
 * in frames of at most {@link #maxFrameBytes} and no faster than {@link #bytesPerSecond} on average.
 * The default (255 bytes every 10 ms) matches what mpremote does on serial lines. Raw-paste mode,
 * where the board grants credit, runs on top of this and stays within the same limits.
 *
 * @param maxFrameBytes largest text frame, 4 to 255 (a UTF-8 character must fit)
 * @param bytesPerSecond average rate of REPL input, at least 1
 */
public record WebReplPacing(int maxFrameBytes, int bytesPerSecond) implements BoardOption {
    /** The board's input ring holds about this many bytes. */
    public static final int BOARD_INPUT_BUFFER = 255;
    /** 255-byte frames, 25 500 bytes/s. */
    public static final WebReplPacing DEFAULTS = new WebReplPacing(BOARD_INPUT_BUFFER, 25_500);

    /**
     * Validates the limits.
     *
     * @param maxFrameBytes largest text frame, 4 to 255
     * @param bytesPerSecond average rate of REPL input, at least 1
     * @throws IllegalArgumentException when a limit is out of range
     */
    public WebReplPacing {
        if (maxFrameBytes < 4 || maxFrameBytes > BOARD_INPUT_BUFFER) {
            throw new IllegalArgumentException("REPL input frames must be 4 to " + BOARD_INPUT_BUFFER
                    + " bytes (the board's input buffer), not " + maxFrameBytes);
        }
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bytesPerSecond must be at least 1: " + bytesPerSecond);
        }
    }
}
