package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.py;
import static org.mpysdk.core.repl.FsCode.transferTimeout;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a board file ({@link BoardFiles#sha256}), as mpremote's {@code sha256sum}: the board hashes
 * it where it has hashlib; otherwise the file is read (verified by CRC-16) and hashed on the host.
 */
final class RemoteHash {

    private final Repl repl;
    private final VerifiedDownload download;

    RemoteHash(Repl repl, VerifiedDownload download) {
        this.repl = repl;
        this.download = download;
    }

    /** @param p the checked board path in the firmware's form */
    String sha256(String p) throws IOException {
        FirmwareFeatures f = repl.features();
        return f.hashlib() != null ? onBoard(p, f.hashlib()) : onHost(p);
    }

    private String onBoard(String p, String hashlib) throws IOException {
        // repr() of the digest rather than hexlify: binascii may be missing where hashlib is not. The
        // function keeps its names local; try/finally removes it even when open() fails.
        String code = "def __mh(p):\n import " + hashlib + " as H\n h=H.sha256()\n f=open(p,'rb')\n try:\n"
                + "  while 1:\n   b=f.read(256)\n   if not b:break\n   h.update(b)\n finally:f.close()\n"
                + " print(repr(h.digest()))\ntry:__mh(" + py(p) + ")\nfinally:del __mh\n";
        String out;
        try {
            out = repl.exec(code, transferTimeout(repl, 0)).text().strip();
        } catch (BoardCodeException e) {
            throw RemoteFileNotFoundException.ifMissing(e, p);
        }
        byte[] digest = BoardLiteral.parse(out);
        if (digest.length != 32) {
            throw new ReplProtocolException("expected a 32-byte SHA-256 from the board for " + p + ", got '" + out + "'");
        }
        return HexFormat.of().formatHex(digest);
    }

    private String onHost(String p) throws IOException {
        return VerifiedDownload.againIfDamaged(() -> {
            MessageDigest md = newSha256();
            download.read(p, new DigestSink(md), "sha256");
            return HexFormat.of().formatHex(md.digest());
        });
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Hashes what the download writes, keeping nothing: the file never needs to fit in host memory. */
    private static final class DigestSink extends OutputStream {
        private final MessageDigest md;

        DigestSink(MessageDigest md) {
            this.md = md;
        }

        @Override
        public void write(int b) {
            md.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
        }
    }
}
