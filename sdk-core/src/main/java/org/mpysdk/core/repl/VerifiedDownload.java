package org.mpysdk.core.repl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.internal.PyLiterals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a board file in one streamed exec and proves that what arrived is the file: the board hashes
 * the bytes as it reads them (SHA-256, or CRC-16 without hashlib) and prints the digest after the data;
 * the host hashes what it decoded and compares. Base64 is decoded strictly (a character that is not
 * base64 is an error, not skipped), and the byte count must match the size the board reports.
 *
 * <p>The board prints the size, then one line per block, then {@code #} and the digest. The size comes
 * first so that the timeout can grow with the file without an exec of its own to ask for it; the loop
 * runs in a function so its names are locals (short, and gone afterwards) and the file is closed
 * however it ends: every byte of this code is input the line pays for on each get. A block goes as
 * base64 or as {@code repr()} of its bytes, whichever is shorter (text: about 1.05 characters per byte
 * against base64's 1.34), and always as {@code repr()} without binascii. Bytes reach {@code out} as
 * they arrive, so a caller that must never expose wrong data writes to a temporary place and keeps it
 * only when this returns.
 */
final class VerifiedDownload {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedDownload.class);
    private static final int MAX_LINE = 64 * 1024;
    /** A read that arrives damaged is made once more: damage on a line says nothing about the next try. */
    private static final int READ_ATTEMPTS = 2;

    /** One whole read, started afresh on each call (its output too). */
    interface Attempt<T> {
        /**
         * @return what the read produced
         * @throws IOException as the read
         */
        T run() throws IOException;
    }

    /**
     * Runs a read, and runs it once more when it arrived damaged.
     *
     * @param attempt the read; it must start its output afresh each time
     * @return what the successful attempt produced
     * @throws TransferVerificationException when both attempts arrived damaged (the second one's)
     * @throws IOException what the read throws otherwise, at once
     */
    static <T> T againIfDamaged(Attempt<T> attempt) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (TransferVerificationException e) {
                if (n >= READ_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("{}; reading it again", e.getMessage());
            }
        }
    }

    private final Repl repl;

    VerifiedDownload(Repl repl) {
        this.repl = repl;
    }

    /**
     * @param p the checked board path (firmware-normal form)
     * @param out receives the file's bytes as they arrive; not closed
     * @param operation {@code "get"} or {@code "cat"}, for progress and messages
     * @throws TransferVerificationException when the data arrived damaged (undecodable, wrong size, or a
     *     digest that differs); {@code out} may have received some of it
     * @throws RemoteFileNotFoundException when the file does not exist
     * @throws IOException when the REPL fails or {@code out} cannot be written
     */
    void read(String p, OutputStream out, String operation) throws IOException {
        FirmwareFeatures f = repl.features();
        DigestKind kind = DigestKind.of(f);
        int chunk = (int) Math.max(64, Math.min(2048, f.memFree() / 32));
        boolean b64 = f.binascii() != null;
        String size = f.stat() ? "os.stat(p)[6]" : f.size() ? "os.size(p)" : "-1";
        // gc first: on a 9 KB heap (the micro:bit) a block's repr() needs a contiguous piece that the
        // garbage of earlier execs may have split up.
        String code = kind.setup(f) + "def __md(p):\n import os,gc\n gc.collect()\n"
                + (b64 ? " from " + f.binascii() + " import b2a_base64 as a\n" : "")
                + " f=open(p,'rb')\n try:\n  h=" + kind.start() + ";print(" + size + ")\n"
                + "  while 1:\n   b=f.read(" + chunk + ")\n   if not b:break\n   " + kind.update("h", "b") + "\n"
                + (b64 ? "   k=a(b);c=repr(b)\n   if len(c)<len(k):print(c)\n   else:print(str(k,'ascii'),end='')\n"
                        : "   print(repr(b))\n")
                + "  print('#'+" + kind.hex("h") + ")\n finally:f.close()\n"
                + "__md(" + PyLiterals.stringLiteral(p) + ")\ndel __md\n" + kind.teardown();
        ExecDeadline deadline = new ExecDeadline(FsCode.transferTimeout(repl, 0));
        Receiver receiver = new Receiver(p, b64, kind.newHostDigest(), out, operation, deadline);
        LineSplitter lines = new LineSplitter(MAX_LINE, receiver::line);
        try {
            repl.run(code.getBytes(StandardCharsets.UTF_8), lines, deadline);
        } catch (BoardCodeException e) {
            throw RemoteFileNotFoundException.ifMissing(e, p);
        }
        lines.finish();
        receiver.check(kind);
    }

    /** Takes the reply's lines apart as they arrive. */
    private final class Receiver {
        private final String p;
        private final boolean b64;
        private final ContentDigest digest;
        private final OutputStream out;
        private final String operation;
        private final ExecDeadline deadline;
        private final ProgressListener listener = repl.progressListener();
        private final Cancellation cancel = repl.currentCancellation();
        private final Base64.Decoder decoder = Base64.getDecoder();
        private long total = -2;
        private String boardDigest;
        private int lineNo;

        Receiver(String p, boolean b64, ContentDigest digest, OutputStream out, String operation, ExecDeadline deadline) {
            this.p = p;
            this.b64 = b64;
            this.digest = digest;
            this.out = out;
            this.operation = operation;
            this.deadline = deadline;
        }

        void line(byte[] line) throws IOException {
            lineNo++;
            if (total == -2) {
                total = parseSize(line);
                deadline.allowAtLeast(FsCode.transferTimeout(repl, Math.max(0, total)));
                listener.onProgress(new Progress(operation, p, 0, total));
                return;
            }
            if (boardDigest != null) {
                throw damaged("text after the checksum (line " + lineNo + ")");
            }
            if (line.length > 0 && line[0] == '#') {
                boardDigest = new String(line, 1, line.length - 1, StandardCharsets.US_ASCII);
                return;
            }
            if (line.length == 0) {
                return;
            }
            byte[] data = decode(line);
            out.write(data);
            digest.update(data, 0, data.length);
            listener.onProgress(new Progress(operation, p, digest.count(), total));
            if (cancel.isCancelled()) {
                throw new OperationCancelledException(operation + " of " + p + " was cancelled after "
                        + digest.count() + " of " + total + " bytes");
            }
        }

        private byte[] decode(byte[] line) throws TransferVerificationException {
            try {
                // A repr() starts b' or b"; neither quote is a base64 character.
                boolean literal = !b64 || line.length > 1 && line[0] == 'b' && (line[1] == '\'' || line[1] == '"');
                return literal ? BoardLiteral.parse(new String(line, StandardCharsets.ISO_8859_1)) : decoder.decode(line);
            } catch (IllegalArgumentException | ReplProtocolException e) {
                throw damaged("line " + lineNo + " is not valid " + (b64 ? "base64 or bytes literal" : "bytes literal") + " (" + e.getMessage() + ")");
            }
        }

        private long parseSize(byte[] line) throws TransferVerificationException {
            try {
                return Long.parseLong(new String(line, StandardCharsets.US_ASCII).strip());
            } catch (NumberFormatException e) {
                throw damaged("the size line is '" + new String(line, StandardCharsets.ISO_8859_1) + "'");
            }
        }

        /** After the reply: the count, and the board's digest against the host's. */
        void check(DigestKind kind) throws TransferVerificationException {
            if (boardDigest == null) {
                throw damaged("no checksum arrived after the data");
            }
            if (total >= 0 && digest.count() != total) {
                throw damaged(digest.count() + " bytes arrived but the board reports " + total
                        + " (or the file changed during the copy)");
            }
            String host = digest.hex();
            if (!host.equals(boardDigest)) {
                throw damaged("its " + kind.label() + " on the board is " + boardDigest + ", of what arrived " + host);
            }
        }

        private TransferVerificationException damaged(String why) {
            return new TransferVerificationException("reading " + p + " from the board: the data arrived damaged: " + why
                    + "; try again (a lower baud rate helps on a noisy line)");
        }
    }
}
