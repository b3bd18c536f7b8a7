package org.mpysdk.core.repl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.internal.PyLiterals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stream into one file on the board, chunk by chunk, so that a lossy link can neither damage
 * nor duplicate data:
 *
 * <ul>
 * <li>each chunk carries its length and byte sum, checked on the board before anything is written, so
 * a chunk damaged on the way fails and is sent again (smaller);
 * <li>each chunk carries its offset in the file, and the board writes only the part beyond what it
 * already has, so a chunk sent again because its {@code OK} was lost (it had run) is not written twice.
 * The board counts the bytes itself: the micro:bit's files have neither {@code seek} nor {@code tell}.
 * </ul>
 *
 * <p>Data travels base64-encoded where the firmware has binascii, otherwise as escaped bytes literals.
 * Where the firmware also has {@code deflate} (MicroPython 1.21 and later), each block of up to
 * {@link #MAX_BLOCK} bytes that compresses is sent as raw deflate (its own stream, so a block sent again
 * is self-contained), several blocks per exec; a block that does not compress goes as plain base64.
 * On failure the file may stay open on the board ({@code __mf}); {@link SafePut} closes and removes it.
 */
final class ChunkedUpload {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedUpload.class);
    private static final String DAMAGED = "mpysdk: chunk damaged in transit";
    // A byte lost on the way may also turn the chunk into other errors; all are retried.
    private static final int CHUNK_ATTEMPTS = 4;
    /** The largest deflate block: its window (2^13 bytes) is what the board allocates to inflate it. */
    static final int MAX_BLOCK = 8192;
    /** A block goes compressed only when that saves at least this share of its base64 text. */
    private static final double MIN_SAVING = 0.1;

    private final Repl repl;
    /**
     * Source bytes per exec without raw-paste: starts large (fewer round trips) and drops to
     * {@link ReplOptions#plainChunk()} for this connection once the board has lost a byte.
     */
    private int plainBudget = 256;
    /**
     * Source bytes per exec with raw-paste, at most: halved for this connection each time a chunk fails
     * with MemoryError (the heap may have filled since the features were probed).
     */
    private int pasteBudget = 8192;
    /** Whether the board has deflate (asked by the first upload of this connection's Repl), or null. */
    private Boolean inflate;

    ChunkedUpload(Repl repl) {
        this.repl = repl;
    }

    /**
     * Creates (or truncates) {@code file} on the board and writes all of {@code in} to it.
     *
     * @param in the content
     * @param total its size, for progress
     * @param file the board file to write
     * @param target the path progress events and messages name (the file the user asked for)
     * @param sent receives exactly the bytes the board acknowledged writing, in order
     * @throws BoardCodeException with OSError when the board cannot write (no space, no such folder)
     * @throws IOException when the REPL fails or the stream cannot be read
     */
    void send(InputStream in, long total, String file, String target, ContentDigest sent) throws IOException {
        FirmwareFeatures f = repl.features();
        boolean b64 = f.binascii() != null;
        // Compressed blocks only pay where an exec is long, with raw-paste; plain execs are 256 bytes.
        boolean paste = repl.options().rawPaste() && repl.rawPaste() != Repl.RawPaste.UNSUPPORTED;
        int block = b64 && paste && inflate != Boolean.FALSE ? blockSize(f.memFree()) : 0;
        ProgressListener listener = repl.progressListener();
        Cancellation cancel = repl.currentCancellation();
        boolean helper = false; // whether __mx is defined on the board
        try {
            String out = repl.exec("__mf=open(" + PyLiterals.stringLiteral(file) + ",'wb')\n__mo=0\n"
                    + "def __mw(b,o,n,s):\n global __mo\n"
                    + " if len(b)!=n or sum(b)&65535!=s:raise ValueError('" + DAMAGED + "')\n"
                    + " if o>__mo:raise ValueError('mpysdk: chunk at %d after %d bytes'%(o,__mo))\n"
                    // Only what lies beyond the bytes already written: a resent chunk adds nothing twice.
                    + " if o+n>__mo:\n  __mf.write(b[__mo-o:] if __mo>o else b)\n  __mo=o+n\n"
                    + (b64 ? "from " + f.binascii() + " import a2b_base64 as __ma\n" : "")
                    + (block > 0 ? inflateSetup(block) : "")).text();
            if (block > 0) {
                inflate = out.strip().endsWith("Z1");
                helper = inflate;
                block = inflate && repl.rawPaste() == Repl.RawPaste.SUPPORTED ? block : 0;
            }
        } catch (BoardCodeException e) {
            throw RemoteFileNotFoundException.ifMissing(e, target);
        }
        long done = 0;
        listener.onProgress(new Progress("put", target, 0, total));
        byte[] pending = new byte[0];
        boolean eof = false;
        int attempt = 0;
        while (!eof || pending.length > 0) {
            cancel.throwIfCancelled("put of " + target + " (" + done + " of " + total + " bytes sent)");
            int budget = sourceBudget(f);
            // Read enough for one batch: at most budget bytes (an encoded byte is at least one character),
            // or, compressed, as many as the best compression could fit.
            int want = block > 0 ? budget * 8 : budget;
            if (!eof && pending.length < want) {
                byte[] more = in.readNBytes(want - pending.length);
                if (more.length < want - pending.length) {
                    eof = true;
                }
                pending = concat(pending, more);
            }
            if (pending.length == 0) {
                break;
            }
            StringBuilder src = new StringBuilder(budget + 64);
            // After a MemoryError, blocks shrink with the budget: the board inflates a block in one piece.
            int blockNow = Math.min(block, Integer.highestOneBit(Math.max(1024, pasteBudget)));
            int used = block > 0 ? batchDeflate(pending, done, budget, blockNow, src) : 0;
            if (used == 0) {
                used = b64 ? batchBase64(pending, done, budget, src) : batchLiteral(pending, done, budget, src);
            }
            if (!sendChunk(src.toString().getBytes(StandardCharsets.US_ASCII), target, done, ++attempt, budget)) {
                continue;
            }
            attempt = 0;
            sent.update(pending, 0, used);
            done += used;
            pending = Arrays.copyOfRange(pending, used, pending.length);
            listener.onProgress(new Progress("put", target, done, total));
        }
        repl.exec("__mf.close()\ndel __mf,__mw,__mo" + (b64 ? ",__ma" : "") + (helper ? ",__mx" : "") + "\n");
    }

    /** @return the deflate block for a board with {@code memFree} bytes free: a power of two, 1 KB to 8 KB */
    static int blockSize(long memFree) {
        long b = Math.max(1024, Math.min(MAX_BLOCK, memFree / 16));
        return Integer.highestOneBit((int) b);
    }

    /**
     * @param block the largest block, a power of two: every back-reference in a block lies within it,
     *     so a window of that size inflates it
     * @return Python that defines {@code __mx(b)}, base64 raw deflate to bytes, and prints {@code Z1}
     *     (or {@code Z0} where the firmware has no deflate)
     */
    private static String inflateSetup(int block) {
        return "try:\n from deflate import DeflateIO as __mx,RAW as __mr\n from io import BytesIO as __mi\n"
                + " def __mx(b,D=__mx,I=__mi,R=__mr):\n  try:\n   return D(I(__ma(b)),R," + Integer.numberOfTrailingZeros(block)
                // A damaged stream fails as OSError, which would read as "the board cannot write": say damaged.
                + ").read()\n  except OSError:\n   raise ValueError('" + DAMAGED + "')\n del __mi,__mr\n print('Z1')\nexcept ImportError:\n"
                + " for __mr in ('__mx','__mr','__mi'):\n  globals().pop(__mr,None)\n print('Z0')\n";
    }

    /**
     * Appends compressed block calls, {@code __mw(__mx(b'...'),offset,n,sum)}, as many as fit in
     * {@code budget}, each block at most {@code block} bytes and compressed on its own.
     *
     * @return how many bytes of {@code data} they carry; 0 when the first block does not compress (send it
     *     as plain base64 then)
     */
    static int batchDeflate(byte[] data, long offset, int budget, int block, StringBuilder src) {
        int used = 0;
        int start = src.length();
        Deflater z = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] out = new byte[block + block / 8 + 64];
        try {
            while (used < data.length) {
                int n = Math.min(block, data.length - used);
                z.reset();
                z.setInput(data, used, n);
                z.finish();
                int len = 0;
                while (!z.finished()) {
                    if (len == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    len += z.deflate(out, len, out.length - len);
                }
                String b64 = Base64.getEncoder().encodeToString(Arrays.copyOf(out, len));
                if (b64.length() > (1 - MIN_SAVING) * ((n + 2) / 3 * 4)) {
                    break; // does not compress: this block and the rest of the batch go plain
                }
                int call = b64.length() + 30 + digits(offset + used) + digits(n);
                if (src.length() - start + call > budget) {
                    break; // the next exec takes it (or, when it alone is too long, plain base64 does)
                }
                byte[] piece = Arrays.copyOfRange(data, used, used + n);
                src.append("__mw(__mx(b'").append(b64).append("'),").append(offset + used).append(',').append(n)
                        .append(',').append(sum(piece, n)).append(")\n");
                used += n;
            }
        } finally {
            z.end();
        }
        return used;
    }

    /**
     * Runs one chunk. A chunk is our own code, so any error but OSError means bytes were lost on the way
     * (or the heap was too fragmented for it): the chunk did not write, and is sent again smaller. A
     * chunk that got no {@code OK} may have run; sending it again is safe because of its offset.
     *
     * @return whether the chunk was written
     */
    private boolean sendChunk(byte[] code, String target, long offset, int attempt, int budget) throws IOException {
        try {
            repl.run(code, OutputSink.DISCARD, repl.options().execTimeout(), null, false);
            return true;
        } catch (CodeNotAcknowledgedException | CodeDamagedException | ReplyDamagedException e) {
            // The chunk never ran, or ran and lost its reply: its offset makes sending it again safe.
            if (attempt >= CHUNK_ATTEMPTS) {
                throw e;
            }
            LOG.debug("chunk of {} at {} was not acknowledged, sending it again", target, offset);
        } catch (BoardCodeException e) {
            if (e.type().endsWith("OSError")) {
                throw e;
            }
            if (attempt >= CHUNK_ATTEMPTS) {
                throw new ReplProtocolException("the chunk of " + target + " at byte " + offset + " failed " + attempt
                        + " times (" + e.getMessage() + "): the board drops input bytes or is out of memory;"
                        + " try a lower baud rate, a soft reset, or firmware with raw-paste", e);
            }
            LOG.debug("chunk of {} at {} failed ({}), sending it again smaller", target, offset, e.getMessage());
            if (e.type().endsWith("MemoryError")) {
                pasteBudget = Math.max(repl.options().plainChunk() + 1, budget / 2);
            }
        }
        plainBudget = repl.options().plainChunk();
        return false;
    }

    /** Characters of Python source per upload exec: small without raw-paste, else sized to free memory. */
    private int sourceBudget(FirmwareFeatures f) {
        ReplOptions o = repl.options();
        if (!o.rawPaste() || repl.rawPaste() == Repl.RawPaste.UNSUPPORTED) {
            return Math.max(plainBudget, 48);
        }
        if (repl.rawPaste() == Repl.RawPaste.UNKNOWN) {
            return Math.max(o.plainChunk() + 1, 256); // long enough to try raw-paste once
        }
        return (int) Math.max(o.plainChunk() + 1, Math.min(pasteBudget, f.memFree() / 8));
    }

    /**
     * Appends one base64 chunk call, {@code __mw(__ma(b'...'),offset,n,sum)}: about 30 characters plus the
     * offset's digits around the base64 text. The text goes as bytes: some ports' binascii is written in
     * Python and takes no str.
     *
     * @return how many bytes of {@code data} it carries
     */
    static int batchBase64(byte[] data, long offset, int budget, StringBuilder src) {
        int chunk = Math.max(3, (budget - 28 - digits(offset)) / 4 * 3);
        int n = Math.min(chunk, data.length);
        src.append("__mw(__ma(b'").append(Base64.getEncoder().encodeToString(Arrays.copyOf(data, n))).append("'),")
                .append(offset).append(',').append(n).append(',').append(sum(data, n)).append(")\n");
        return n;
    }

    /**
     * Appends one bytes-literal chunk call, {@code __mw(b'...',offset,n,sum)}.
     *
     * @return how many bytes of {@code data} it carries (at least 1)
     */
    static int batchLiteral(byte[] data, long offset, int budget, StringBuilder src) {
        int room = budget - 27 - digits(offset); // "__mw(b'...',offset,nnnn,sssss)\n"
        int n = 0;
        int len = 0;
        while (n < data.length && len + PyLiterals.escapedLength(data[n] & 0xFF) <= room) {
            len += PyLiterals.escapedLength(data[n] & 0xFF);
            n++;
        }
        n = Math.max(1, n);
        src.append("__mw(").append(PyLiterals.bytesLiteral(data, 0, n)).append(',').append(offset).append(',')
                .append(n).append(',').append(sum(data, n)).append(")\n");
        return n;
    }

    private static int digits(long v) {
        return Long.toString(v).length();
    }

    private static int sum(byte[] data, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += data[i] & 0xFF;
        }
        return s & 0xFFFF;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
