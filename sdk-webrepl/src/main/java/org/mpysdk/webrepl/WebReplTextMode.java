package org.mpysdk.webrepl;

import org.mpysdk.core.BoardOption;

/**
 * How the board's text frames (the REPL's output) are read, as an option of {@code Board.open}.
 * {@link #BYTES} is the default on {@code ws://}; {@code wss://} always uses {@link #DECODED}.
 */
public enum WebReplTextMode implements BoardOption {
    /**
     * Payload bytes exactly as the board sent them (the frame opcode is switched under OkHttp, see
     * {@link WebReplTransport}); raw-paste mode works.
     */
    BYTES,
    /**
     * OkHttp's own UTF-8 decoding, re-encoded: valid UTF-8 arrives unchanged, each malformed sequence
     * arrives as U+FFFD ({@code EF BF BD}); raw-paste is refused locally so the REPL uses plain raw mode.
     */
    DECODED
}
