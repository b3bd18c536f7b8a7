package org.mpysdk.core.flash.chips;

/** Formats MAC addresses the way esptool prints them. */
public final class MacAddress {
    private MacAddress() {
    }

    /**
     * The eFuse layout of every chip but the ESP8266: one word with MAC bytes 2-5, the next word's low 16 bits
     * with bytes 0-1 (esptool's {@code struct.pack(">II", mac1, mac0)[2:]}).
     *
     * @param low the word with MAC bytes 2-5 (most significant first)
     * @param high the word whose low 16 bits are MAC bytes 0-1 (the high 16 bits are a CRC or the EUI-64 filler)
     * @return {@code aa:bb:cc:dd:ee:ff}
     */
    public static String fromWords(int low, int high) {
        return format(new int[] {(high >>> 8) & 0xFF, high & 0xFF, (low >>> 24) & 0xFF, (low >>> 16) & 0xFF,
            (low >>> 8) & 0xFF, low & 0xFF});
    }

    /**
     * @param bytes the MAC bytes, first on the wire first; only the low 8 bits of each are used
     * @return the bytes as {@code aa:bb:cc:dd:ee:ff}
     */
    public static String format(int[] bytes) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
