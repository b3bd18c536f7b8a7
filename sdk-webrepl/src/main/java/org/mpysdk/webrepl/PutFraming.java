package org.mpysdk.webrepl;

/**
 * How a put cuts the file into binary frames.
 *
 * <p>Why: the board reads put data one byte first and then up to 511 more from the same frame
 * ({@code modwebrepl.c}, a 512-byte buffer). When a frame's length is 1 more than a multiple of 512,
 * the last read of that frame gets just its first byte, the read of the rest finds the next frame not
 * yet there, fails with "try again", and the byte already taken is dropped: the file loses a byte and
 * the board then waits for one that never comes. Seen on MicroPython's own server with a 513-byte frame
 * followed by a late one. So no frame but the last has such a length; the last is safe, because the
 * board then expects no more.
 */
final class PutFraming {
    private static final int BOARD_BUFFER = 512;

    private PutFraming() {
    }

    /**
     * @param remaining bytes of the file still to send, at least 1
     * @param preferred the frame length wanted, at least 2
     * @return the length of the next frame: at most {@code preferred} and {@code remaining}, and never
     *     1 mod 512 unless it is the last frame
     */
    static int nextFrame(long remaining, int preferred) {
        int n = (int) Math.min(remaining, preferred);
        if (n < remaining && n % BOARD_BUFFER == 1) {
            n--;
        }
        return n;
    }
}
