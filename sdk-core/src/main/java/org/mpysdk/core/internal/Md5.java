package org.mpysdk.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 helpers for flash verification (the digest the ESP bootloader computes). */
public final class Md5 {
    private Md5() {
    }

    /**
     * @param data the buffer
     * @param off the first byte to hash
     * @param len how many bytes to hash
     * @return the 16-byte MD5 of {@code data[off, off+len)}
     */
    public static byte[] of(byte[] data, int off, int len) {
        MessageDigest md = digest();
        md.update(data, off, len);
        return md.digest();
    }

    /**
     * @param data the bytes to hash, e.g. a region about to be written
     * @return the 16-byte MD5 of {@code data}
     */
    public static byte[] of(byte[] data) {
        return of(data, 0, data.length);
    }

    /**
     * @param digest a digest (or any bytes)
     * @return lower-case hex of {@code digest}
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * @param hexMd5 an MD5 in hex, as the bootloader reports it for a flash range
     * @param length the length of that range in bytes; ranges over 64 MiB are never considered erased
     * @return whether {@code hexMd5} is the MD5 of {@code length} bytes of 0xFF (an erased region)
     */
    public static boolean isErased(String hexMd5, long length) {
        if (length <= 0 || length > 64L * 1024 * 1024) {
            return false;
        }
        MessageDigest md = digest();
        byte[] ff = new byte[4096];
        java.util.Arrays.fill(ff, (byte) 0xFF);
        for (long left = length; left > 0; left -= ff.length) {
            md.update(ff, 0, (int) Math.min(ff.length, left));
        }
        return hex(md.digest()).equalsIgnoreCase(hexMd5);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
