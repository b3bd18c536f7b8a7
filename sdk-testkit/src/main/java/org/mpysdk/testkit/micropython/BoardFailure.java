package org.mpysdk.testkit.micropython;

/**
 * The interpreter cannot go on (it called {@code abort()}, or needs a JavaScript host it does not
 * have). Thrown on the board's thread out of the running wasm call; the transport then reports the
 * board dead with this as the cause.
 */
final class BoardFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BoardFailure(String message) {
        super(message);
    }
}
