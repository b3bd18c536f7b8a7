package org.mpysdk.core.internal;

/** Searching byte arrays: what board output parsers need and {@code String} cannot do on raw bytes. */
public final class Bytes {
    private Bytes() {
    }

    /**
     * @param hay the bytes to search
     * @param needle the sequence to find
     * @param from the first index to consider (negative counts as 0)
     * @return the index of the first occurrence of {@code needle} at or after {@code from}, or -1
     */
    public static int indexOf(byte[] hay, byte[] needle, int from) {
        return indexOf(hay, hay.length, needle, from);
    }

    /**
     * As {@link #indexOf(byte[], byte[], int)} within the first {@code hayLength} bytes of a buffer.
     *
     * @param hay the buffer to search
     * @param hayLength how many of its bytes are valid
     * @param needle the sequence to find
     * @param from the first index to consider (negative counts as 0)
     * @return the index of the first occurrence, or -1
     */
    public static int indexOf(byte[] hay, int hayLength, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hayLength - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
