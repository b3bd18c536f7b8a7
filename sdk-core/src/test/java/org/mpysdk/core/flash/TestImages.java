package org.mpysdk.core.flash;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Builds small, valid ESP images for tests (header, segments, checksum, optional SHA-256). */
final class TestImages {
    private TestImages() {
    }

    /**
     * @param chipId extended-header chip id, or -1 for an ESP8266 image (no extended header)
     * @param hash whether to append the SHA-256
     * @param segments segment contents
     */
    static byte[] image(int chipId, boolean hash, byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xE9);
        out.write(segments.length);
        out.write(2);      // DIO
        out.write(0x20);   // 4MB (ESP32 code), 40 MHz
        out.writeBytes(le32(0x40080000));
        if (chipId >= 0) {
            byte[] ext = new byte[16];
            ext[0] = (byte) 0xEE;
            ext[4] = (byte) chipId;
            ext[5] = (byte) (chipId >> 8);
            ext[15] = (byte) (hash ? 1 : 0);
            out.writeBytes(ext);
        }
        int checksum = 0xEF;
        long load = chipId >= 0 ? 0x3FFB0000L : 0x40100000L;
        for (byte[] s : segments) {
            out.writeBytes(le32(load));
            out.writeBytes(le32(s.length));
            out.writeBytes(s);
            for (byte b : s) {
                checksum ^= b & 0xFF;
            }
            load += 0x1000;
        }
        while (out.size() % 16 != 15) {
            out.write(0);
        }
        out.write(checksum);
        byte[] body = out.toByteArray();
        if (!hash) {
            return body;
        }
        byte[] digest = EspImageHeader.sha256(body, body.length);
        byte[] all = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(digest, 0, all, body.length, 32);
        return all;
    }

    static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }
}
