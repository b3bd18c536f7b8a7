package org.mpysdk.core;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A transport whose input is a script of chunks, delivered one per read; output is recorded. */
final class ChunkedTransport extends AbstractTransport {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final boolean endless;

    ChunkedTransport(boolean endless, byte[]... input) {
        super("chunked");
        this.endless = endless;
        for (byte[] c : input) {
            chunks.add(c);
        }
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) {
        if (chunks.isEmpty()) {
            if (endless) {
                // A board that never stops printing.
                buf[off] = 'x';
                return 1;
            }
            return 0;
        }
        byte[] c = chunks.poll();
        int n = Math.min(len, c.length);
        System.arraycopy(c, 0, buf, off, n);
        if (n < c.length) {
            chunks.addFirst(java.util.Arrays.copyOfRange(c, n, c.length));
        }
        return n;
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) {
        written.write(data, off, len);
    }

    @Override
    protected void closeRaw() {
    }
}
