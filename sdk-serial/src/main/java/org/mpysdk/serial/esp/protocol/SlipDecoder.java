package org.mpysdk.serial.esp.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming SLIP decoder: feed it bytes as they arrive, in any split; it returns whole frames.
 * Bytes outside frames (ROM boot messages, an application's output) are kept, bounded, as
 * {@link #noise()} so a failed connect can show what arrived instead.
 *
 * <p>Not thread-safe: one reader feeds it.
 */
public final class SlipDecoder {
    /** Larger than any ESP packet (16 KiB block + header + escapes); a longer frame is garbage. */
    public static final int MAX_FRAME = 64 * 1024;
    private static final int NOISE_KEPT = 256;

    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private final byte[] noise = new byte[NOISE_KEPT];
    private int noiseLength;
    private long noiseTotal;
    private boolean inFrame;
    private boolean escaping;

    /**
     * @param buf bytes as they came from the line
     * @param off where the new bytes start in {@code buf}
     * @param len how many new bytes there are
     * @return the frames completed by these bytes, in order; bytes between an end and the next start
     *     are noise, and two adjacent delimiters are an end and a start
     * @throws EspProtocolException on an invalid escape or a frame over {@link #MAX_FRAME}; the
     *     decoder then resynchronises at the next delimiter, and the bytes after the bad one in this
     *     call are not consumed (use {@link #feedTolerant} to go on past errors)
     */
    public List<byte[]> feed(byte[] buf, int off, int len) throws EspProtocolException {
        List<byte[]> frames = new ArrayList<>(1);
        for (int i = off; i < off + len; i++) {
            String error = accept(buf[i] & 0xFF, frames);
            if (error != null) {
                throw new EspProtocolException(error);
            }
        }
        return frames;
    }

    /**
     * Like {@link #feed} but never throws: a malformed frame is dropped, the decoder resynchronises at
     * the next delimiter, and decoding goes on with the following bytes.
     *
     * @param buf bytes as they came from the line
     * @param off where the new bytes start in {@code buf}
     * @param len how many new bytes there are
     * @param out receives the completed frames, in order
     * @return how many malformed frames were dropped
     */
    public int feedTolerant(byte[] buf, int off, int len, List<byte[]> out) {
        int errors = 0;
        for (int i = off; i < off + len; i++) {
            if (accept(buf[i] & 0xFF, out) != null) {
                errors++;
            }
        }
        return errors;
    }

    /** Consumes one byte; @return an error message when it broke the current frame, else null */
    private String accept(int c, List<byte[]> frames) {
        if (!inFrame) {
            if (c == Slip.END) {
                inFrame = true;
                frame.reset();
            } else {
                recordNoise(c);
            }
            return null;
        }
        if (escaping) {
            escaping = false;
            if (c == Slip.ESC_END) {
                frame.write(Slip.END);
            } else if (c == Slip.ESC_ESC) {
                frame.write(Slip.ESC);
            } else {
                abandon();
                return String.format("invalid SLIP escape 0xDB 0x%02X", c);
            }
        } else if (c == Slip.END) {
            if (frame.size() > 0) {
                frames.add(frame.toByteArray());
                frame.reset();
                inFrame = false;
            }
            // An END right after a start is the start of the next frame (C0 C0 between frames).
        } else if (c == Slip.ESC) {
            escaping = true;
        } else {
            frame.write(c);
        }
        if (frame.size() > MAX_FRAME) {
            abandon();
            return "SLIP frame longer than " + MAX_FRAME + " bytes: not ESP bootloader traffic";
        }
        return null;
    }

    /** @return the last bytes (up to 256) seen outside any frame */
    public byte[] noise() {
        return Arrays.copyOf(noise, noiseLength);
    }

    /** @return how many bytes were seen outside frames since the start */
    public long noiseTotal() {
        return noiseTotal;
    }

    /** Forgets any partial frame and the noise, for a fresh start (after a reset or baud change). */
    public void reset() {
        abandon();
        noiseLength = 0;
        noiseTotal = 0;
    }

    private void abandon() {
        frame.reset();
        inFrame = false;
        escaping = false;
    }

    private void recordNoise(int c) {
        noiseTotal++;
        if (noiseLength == NOISE_KEPT) {
            System.arraycopy(noise, 1, noise, 0, NOISE_KEPT - 1);
            noiseLength--;
        }
        noise[noiseLength++] = (byte) c;
    }
}
