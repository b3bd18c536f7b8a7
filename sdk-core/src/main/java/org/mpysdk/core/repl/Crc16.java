package org.mpysdk.core.repl;

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), the content check for boards without
 * hashlib. Computed a nibble at a time from a 16-entry table, the same way as the Python that
 * {@link DigestKind#CRC16} runs on the board: small integers only, so it works in a micro:bit's 9 KB heap
 * (4 KB take about 40 ms there). It catches every error burst up to 16 bits, so one damaged character.
 */
final class Crc16 {
    /** The register's start value. */
    static final int INITIAL = 0xFFFF;
    /** The nibble table, also sent to the board as a tuple. */
    static final int[] TABLE = new int[16];

    static {
        for (int n = 0; n < 16; n++) {
            int c = n << 12;
            for (int k = 0; k < 4; k++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            TABLE[n] = c & 0xFFFF;
        }
    }

    private Crc16() {
    }

    /**
     * @param crc the register so far ({@link #INITIAL} to start)
     * @param b the bytes to add
     * @param off where they start
     * @param len how many
     * @return the register after them
     */
    static int update(int crc, byte[] b, int off, int len) {
        int c = crc;
        for (int i = off; i < off + len; i++) {
            int x = b[i] & 0xFF;
            c = ((c << 4) & 0xFFFF) ^ TABLE[(c >> 12) ^ (x >> 4)];
            c = ((c << 4) & 0xFFFF) ^ TABLE[(c >> 12) ^ (x & 15)];
        }
        return c;
    }
}
