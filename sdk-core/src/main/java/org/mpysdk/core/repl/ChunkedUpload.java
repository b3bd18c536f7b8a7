package org.mpysdk.core.repl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
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
 * On failure the file may stay open on the board ({@code __mf}); {@link SafePut} closes and removes it.
 */
final class ChunkedUpload {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedUpload.class);
    private static final String DAMAGED = "mpysdk: chunk damaged in transit";
    // A byte lost on the way may also turn the chunk into other errors; all are retried.
    private static final int CHUNK_ATTEMPTS = 4;

    private final Repl repl;
    /**
     * Source bytes per exec without raw-paste: starts large (fewer round trips) and drops to
     * {@link ReplOptions#plainChunk()} for this connection once the board has lost a byte.
     */
    private int plainBudget = 256;

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
     * @throws RemoteException with OSError when the board cannot write (no space, no such folder)
     * @throws IOException when the REPL fails or the stream cannot be read
     */
    void send(InputStream in, long total, String file, String target, ContentDigest sent) throws IOException {
        FirmwareFeatures f = repl.features();
        boolean b64 = f.binascii() != null;
        ProgressListener listener = repl.progressListener();
        Cancellation cancel = repl.currentCancellation();
        try {
            repl.exec("__mf=open(" + PyLiterals.stringLiteral(file) + ",'wb')\n__mo=0\n"
                    + "def __mw(b,o,n,s):\n global __mo\n"
                    + " if len(b)!=n or sum(b)&65535!=s:raise ValueError('" + DAMAGED + "')\n"
                    + " if o>__mo:raise ValueError('mpysdk: chunk at %d after %d bytes'%(o,__mo))\n"
                    // Only what lies beyond the bytes already written: a resent chunk adds nothing twice.
                    + " if o+n>__mo:\n  __mf.write(b[__mo-o:] if __mo>o else b)\n  __mo=o+n\n"
                    + (b64 ? "from " + f.binascii() + " import a2b_base64 as __ma\n" : ""));
        } catch (RemoteException e) {
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
            // Read enough for one batch: at most budget bytes (an encoded byte is at least one character).
            if (!eof && pending.length < budget) {
                byte[] more = in.readNBytes(budget - pending.length);
                if (more.length < budget - pending.length) {
                    eof = true;
                }
                pending = concat(pending, more);
            }
            if (pending.length == 0) {
                break;
            }
            StringBuilder src = new StringBuilder(budget + 64);
            int used = b64 ? batchBase64(pending, done, budget, src) : batchLiteral(pending, done, budget, src);
            if (!sendChunk(src.toString().getBytes(StandardCharsets.US_ASCII), target, done, ++attempt)) {
                continue;
            }
            attempt = 0;
            sent.update(pending, 0, used);
            done += used;
            pending = Arrays.copyOfRange(pending, used, pending.length);
            listener.onProgress(new Progress("put", target, done, total));
        }
        repl.exec("__mf.close()\ndel __mf,__mw,__mo" + (b64 ? ",__ma" : "") + "\n");
    }

    /**
     * Runs one chunk. A chunk is our own code, so any error but OSError means bytes were lost on the way
     * (or the heap was too fragmented for it): the chunk did not write, and is sent again smaller. A
     * chunk that got no {@code OK} may have run; sending it again is safe because of its offset.
     *
     * @return whether the chunk was written
     */
    private boolean sendChunk(byte[] code, String target, long offset, int attempt) throws IOException {
        try {
            repl.run(code, OutputSink.DISCARD, repl.options().execTimeout(), null, false);
            return true;
        } catch (CodeNotAcknowledgedException | CodeDamagedException | ReplyDamagedException e) {
            // The chunk never ran, or ran and lost its reply: its offset makes sending it again safe.
            if (attempt >= CHUNK_ATTEMPTS) {
                throw e;
            }
            LOG.debug("chunk of {} at {} was not acknowledged, sending it again", target, offset);
        } catch (RemoteException e) {
            if (e.type().endsWith("OSError")) {
                throw e;
            }
            if (attempt >= CHUNK_ATTEMPTS) {
                throw new ReplProtocolException("the chunk of " + target + " at byte " + offset + " failed " + attempt
                        + " times (" + e.getMessage() + "): the board drops input bytes or is out of memory;"
                        + " try a lower baud rate, a soft reset, or firmware with raw-paste", e);
            }
            LOG.debug("chunk of {} at {} failed ({}), sending it again smaller", target, offset, e.getMessage());
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
        return (int) Math.max(o.plainChunk() + 1, Math.min(8192, f.memFree() / 8));
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
