package org.mpysdk.webrepl;

/**
 * Follows one direction of a WebSocket connection's bytes, the HTTP head and then the frames (RFC 6455
 * section 5.2: header, length, mask, payload), so that code beside OkHttp knows where each frame starts
 * without reading payloads. Both directions need it: the bytes to the board to write a frame of our own
 * between OkHttp's ({@link OutboundFrames}), the bytes from it to retype text frames ({@link FrameKindTap}).
 * Not thread-safe: the caller serialises.
 */
final class FrameScanner {
    /** Sees, and may replace, the first byte of each frame (FIN, RSV and opcode). */
    @FunctionalInterface
    interface FrameStart {
        /**
         * @param first the frame's first byte as it is on the wire
         * @return the byte to leave in its place
         */
        byte at(byte first);
    }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private enum State { HTTP_HEAD, B0, B1, EXT_LENGTH, MASK, PAYLOAD }

    private final FrameStart onStart;
    private State state = State.HTTP_HEAD;
    private int headMatched;
    private int extLeft;
    private int maskLeft;
    private long payloadLeft;

    /** @param onStart called at the first byte of each frame */
    FrameScanner(FrameStart onStart) {
        this.onStart = onStart;
    }

    /** @return whether the bytes so far end at a frame boundary (after the HTTP head, or after a whole frame) */
    boolean atFrameStart() {
        return state == State.B0;
    }

    /** Advances over {@code b[off, off+n)}, letting {@link FrameStart} rewrite each frame's first byte in place. */
    void scan(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            switch (state) {
                case HTTP_HEAD -> {
                    byte c = b[i++];
                    headMatched = c == HEAD_END[headMatched] ? headMatched + 1 : (c == '\r' ? 1 : 0);
                    if (headMatched == HEAD_END.length) {
                        state = State.B0;
                    }
                }
                case B0 -> {
                    b[i] = onStart.at(b[i]);
                    i++;
                    state = State.B1;
                }
                case B1 -> {
                    int b1 = b[i++] & 0xFF;
                    maskLeft = (b1 & 0x80) != 0 ? 4 : 0;
                    int len7 = b1 & 0x7F;
                    payloadLeft = 0;
                    if (len7 >= 126) {
                        extLeft = len7 == 126 ? 2 : 8;
                        state = State.EXT_LENGTH;
                    } else {
                        payloadLeft = len7;
                        state = afterLength();
                    }
                }
                case EXT_LENGTH -> {
                    payloadLeft = (payloadLeft << 8) | (b[i++] & 0xFF);
                    if (--extLeft == 0) {
                        state = afterLength();
                    }
                }
                case MASK -> {
                    i++;
                    if (--maskLeft == 0) {
                        state = payloadLeft == 0 ? State.B0 : State.PAYLOAD;
                    }
                }
                case PAYLOAD -> {
                    long skip = Math.min(payloadLeft, end - i);
                    i += (int) skip;
                    payloadLeft -= skip;
                    if (payloadLeft == 0) {
                        state = State.B0;
                    }
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
    }

    private State afterLength() {
        if (payloadLeft < 0) {
            // A length over 2^63: OkHttp rejects the frame; pass the rest through untouched.
            payloadLeft = Long.MAX_VALUE;
        }
        if (maskLeft > 0) {
            return State.MASK;
        }
        return payloadLeft == 0 ? State.B0 : State.PAYLOAD;
    }
}
