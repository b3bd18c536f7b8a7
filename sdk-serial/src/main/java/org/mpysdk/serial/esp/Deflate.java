package org.mpysdk.serial.esp;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib compression as esptool uses it (level 9, zlib header), and per-block inflated sizes for timeouts. */
final class Deflate {
    private Deflate() {
    }

    /**
     * A region's data deflated, with what each block of it inflates to (for the per-block timeouts).
     *
     * @param data the zlib stream
     * @param inflatedPerBlock uncompressed bytes each block of {@code blockSize} yields
     */
    record Deflated(byte[] data, long[] inflatedPerBlock) {
    }

    /** @return {@code data} compressed, with its per-block inflated sizes for blocks of {@code blockSize} */
    static Deflated prepare(byte[] data, int blockSize) {
        byte[] z = compress(data);
        return new Deflated(z, inflatedPerBlock(z, blockSize));
    }

    /** @return {@code data} compressed at level 9 in the zlib format the loaders inflate */
    static byte[] compress(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * @param compressed a zlib stream
     * @param blockSize the block size it is sent in
     * @return for each block, how many uncompressed bytes it yields (what the chip writes on receiving it)
     */
    static long[] inflatedPerBlock(byte[] compressed, int blockSize) {
        int blocks = (compressed.length + blockSize - 1) / blockSize;
        long[] sizes = new long[blocks];
        Inflater inflater = new Inflater();
        byte[] sink = new byte[64 * 1024];
        try {
            for (int b = 0; b < blocks; b++) {
                int from = b * blockSize;
                inflater.setInput(compressed, from, Math.min(blockSize, compressed.length - from));
                long n = 0;
                int got;
                while ((got = inflater.inflate(sink)) > 0) {
                    n += got;
                }
                sizes[b] = n;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("our own deflate output did not inflate", e);
        } finally {
            inflater.end();
        }
        return sizes;
    }
}
