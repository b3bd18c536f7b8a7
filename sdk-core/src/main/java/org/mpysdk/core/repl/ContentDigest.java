package org.mpysdk.core.repl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The host's side of a content check: SHA-256, or CRC-16 where the board has no hashlib. Fed the bytes
 * that were sent or arrived, it gives the hex text the board prints for the same content
 * ({@link DigestKind} writes the board's side).
 */
final class ContentDigest {
    private final DigestKind kind;
    private final MessageDigest sha;
    private int crc = Crc16.INITIAL;
    private long count;

    ContentDigest(DigestKind kind) {
        this.kind = kind;
        if (kind == DigestKind.SHA256) {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        } else {
            sha = null;
        }
    }

    /** Adds bytes to the content. */
    void update(byte[] b, int off, int len) {
        count += len;
        if (sha != null) {
            sha.update(b, off, len);
        } else {
            crc = Crc16.update(crc, b, off, len);
        }
    }

    /** @return how many bytes were added */
    long count() {
        return count;
    }

    /** @return the digest in the board's notation: lower-case hex, 64 digits for SHA-256, 4 for CRC-16 */
    String hex() {
        return sha != null ? HexFormat.of().formatHex(sha.digest()) : String.format("%04x", crc);
    }

    DigestKind kind() {
        return kind;
    }
}
