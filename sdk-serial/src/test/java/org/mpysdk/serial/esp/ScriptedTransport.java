package org.mpysdk.serial.esp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.serial.esp.protocol.Slip;
import org.mpysdk.serial.esp.protocol.SlipDecoder;

/**
 * A minimal in-memory peer for unit tests of the command layer: each command frame the host writes is
 * handed to a responder that returns the raw bytes to send back. Not a virtual ESP: tests script every
 * answer themselves.
 */
final class ScriptedTransport extends AbstractTransport {
    private final Function<byte[], byte[]> responder;
    private final SlipDecoder decoder = new SlipDecoder();
    private final List<byte[]> commands = new ArrayList<>();
    private byte[] inbound = new byte[0];

    ScriptedTransport(Function<byte[], byte[]> responder) {
        super("scripted");
        this.responder = responder;
    }

    /** Bytes the "chip" sends before any command (boot noise). */
    synchronized void preload(byte[] bytes) {
        append(bytes);
    }

    synchronized List<byte[]> commands() {
        return List.copyOf(commands);
    }

    static byte[] response(int op, int value, byte... data) {
        byte[] p = new byte[8 + data.length];
        p[0] = 1;
        p[1] = (byte) op;
        p[2] = (byte) data.length;
        p[3] = (byte) (data.length >> 8);
        p[4] = (byte) value;
        p[5] = (byte) (value >> 8);
        p[6] = (byte) (value >> 16);
        p[7] = (byte) (value >> 24);
        System.arraycopy(data, 0, p, 8, data.length);
        return Slip.encode(p);
    }

    @Override
    protected synchronized int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (inbound.length == 0) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return 0;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        int n = Math.min(len, inbound.length);
        System.arraycopy(inbound, 0, buf, off, n);
        inbound = java.util.Arrays.copyOfRange(inbound, n, inbound.length);
        return n;
    }

    @Override
    protected synchronized void writeRaw(byte[] data, int off, int len) {
        for (byte[] frame : frames(data, off, len)) {
            commands.add(frame);
            byte[] answer = responder.apply(frame);
            if (answer != null) {
                append(answer);
            }
        }
    }

    private List<byte[]> frames(byte[] data, int off, int len) {
        List<byte[]> out = new ArrayList<>();
        decoder.feedTolerant(data, off, len, out);
        return out;
    }

    private void append(byte[] bytes) {
        byte[] merged = java.util.Arrays.copyOf(inbound, inbound.length + bytes.length);
        System.arraycopy(bytes, 0, merged, inbound.length, bytes.length);
        inbound = merged;
        notifyAll();
    }

    @Override
    protected void closeRaw() {
    }
}
