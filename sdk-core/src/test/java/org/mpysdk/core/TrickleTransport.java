package org.mpysdk.core;

/**
 * A transport that delivers a long input one byte per read, as a slow USB bridge or a busy board can:
 * the worst case for a read-until that rescans what it has already seen.
 */
public final class TrickleTransport extends AbstractTransport {
    private final byte[] input;
    private int next;
    /** How many reads delivered a byte. */
    public int reads;

    public TrickleTransport(byte[] input) {
        super("trickle");
        this.input = input;
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) {
        if (next >= input.length) {
            return 0;
        }
        reads++;
        buf[off] = input[next++];
        return 1;
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) {
    }

    @Override
    protected void closeRaw() {
    }

    /**
     * @param size how many bytes, the last ones being {@code end}
     * @param end the bytes the input ends with
     * @return filler ('x') followed by {@code end}, then {@code "rest"}
     */
    public static byte[] fillerEndingWith(int size, byte[] end) {
        byte[] b = new byte[size + 4];
        java.util.Arrays.fill(b, (byte) 'x');
        System.arraycopy(end, 0, b, size - end.length, end.length);
        System.arraycopy("rest".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, size, 4);
        return b;
    }
}
