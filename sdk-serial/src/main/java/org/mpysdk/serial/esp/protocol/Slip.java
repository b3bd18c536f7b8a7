package org.mpysdk.serial.esp.protocol;

import java.io.ByteArrayOutputStream;

/**
 * SLIP framing as the ESP bootloader uses it: a frame is {@code 0xC0 payload 0xC0}; inside, 0xC0 is sent
 * as {@code 0xDB 0xDC} and 0xDB as {@code 0xDB 0xDD}.
 */
public final class Slip {
    /** Frame delimiter. */
    public static final int END = 0xC0;
    /** Escape byte. */
    public static final int ESC = 0xDB;
    /** Escaped END. */
    public static final int ESC_END = 0xDC;
    /** Escaped ESC. */
    public static final int ESC_ESC = 0xDD;

    private Slip() {
    }

    /**
     * @param payload a command or response packet
     * @return {@code payload} wrapped in one SLIP frame, delimiters included
     */
    public static byte[] encode(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + payload.length / 32 + 2);
        out.write(END);
        for (byte b : payload) {
            int c = b & 0xFF;
            if (c == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (c == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(c);
            }
        }
        out.write(END);
        return out.toByteArray();
    }
}
