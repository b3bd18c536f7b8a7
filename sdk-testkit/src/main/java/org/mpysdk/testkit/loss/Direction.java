package org.mpysdk.testkit.loss;

/** Which way a byte travels through a {@link LossyTransport}. */
public enum Direction {
    /** Written by the SDK, on its way to the board (code, control bytes, file chunks). */
    HOST_TO_BOARD,
    /** Sent by the board, on its way to the SDK (prompts, acknowledgements, printed output). */
    BOARD_TO_HOST
}
