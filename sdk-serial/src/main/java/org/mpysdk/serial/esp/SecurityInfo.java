package org.mpysdk.serial.esp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.OptionalInt;
import org.mpysdk.serial.esp.protocol.EspProtocolException;

/**
 * The answer to GET_SECURITY_INFO: security flags, flash-encryption counter, key purposes and (on the
 * ESP32-S3 and later) the chip id, which is also the image header's chip id.
 *
 * @param flags the security flag word (bit 2 = Secure Download Mode)
 * @param flashCryptCount the SPI_BOOT_CRYPT_CNT eFuse (an odd number of bits set = encryption on)
 * @param keyPurposes seven key-purpose bytes
 * @param chipId the chip id, or -1 in the 12-byte ESP32-S2 form
 * @param apiVersion the ROM API / ECO version, or -1 in the 12-byte form
 */
record SecurityInfo(int flags, int flashCryptCount, byte[] keyPurposes, int chipId, int apiVersion) {
    /** Flag: secure boot enabled. */
    public static final int SECURE_BOOT_EN = 1;
    /** Flag: Secure Download Mode. */
    public static final int SECURE_DOWNLOAD_ENABLE = 1 << 2;
    /** Length of the full answer. */
    public static final int LONG_FORM = 20;
    /** Length of the ESP32-S2 answer (no chip id). */
    public static final int SHORT_FORM = 12;

    /**
     * Copies the key purposes.
     *
     * @param flags the security flag word
     * @param flashCryptCount the SPI_BOOT_CRYPT_CNT eFuse
     * @param keyPurposes seven key-purpose bytes, copied
     * @param chipId the chip id, or -1
     * @param apiVersion the ROM API / ECO version, or -1
     */
    public SecurityInfo {
        keyPurposes = keyPurposes.clone();
    }

    /**
     * @param payload the 20-byte (or 12-byte ESP32-S2) answer, without status bytes
     * @return the decoded answer
     * @throws EspProtocolException for any other length
     */
    public static SecurityInfo parse(byte[] payload) throws EspProtocolException {
        if (payload.length != LONG_FORM && payload.length != SHORT_FORM) {
            throw new EspProtocolException("GET_SECURITY_INFO answered " + payload.length
                    + " bytes, expected 20 (or 12 on the ESP32-S2)");
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int flags = b.getInt(0);
        int count = payload[4] & 0xFF;
        byte[] purposes = Arrays.copyOfRange(payload, 5, 12);
        boolean full = payload.length == LONG_FORM;
        return new SecurityInfo(flags, count, purposes, full ? b.getInt(12) : -1, full ? b.getInt(16) : -1);
    }

    /** @return the chip id when the answer carries one */
    public OptionalInt chip() {
        return chipId < 0 ? OptionalInt.empty() : OptionalInt.of(chipId);
    }

    /** @return whether the ROM runs in Secure Download Mode */
    public boolean secureDownloadMode() {
        return (flags & SECURE_DOWNLOAD_ENABLE) != 0;
    }

    /** @return whether secure boot is on */
    public boolean secureBoot() {
        return (flags & SECURE_BOOT_EN) != 0;
    }

    /** @return whether flash encryption is on (odd number of counter bits) */
    public boolean flashEncryption() {
        return Integer.bitCount(flashCryptCount) % 2 == 1;
    }

    /** @return a copy of the seven key-purpose bytes */
    @Override
    public byte[] keyPurposes() {
        return keyPurposes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityInfo s && s.flags == flags && s.flashCryptCount == flashCryptCount
                && Arrays.equals(s.keyPurposes, keyPurposes) && s.chipId == chipId && s.apiVersion == apiVersion;
    }

    @Override
    public int hashCode() {
        return ((flags * 31 + flashCryptCount) * 31 + Arrays.hashCode(keyPurposes)) * 31 + chipId * 17 + apiVersion;
    }

    @Override
    public String toString() {
        return String.format("SecurityInfo[flags=0x%X, cryptCnt=%d, chipId=%d, api=%d]", flags, flashCryptCount, chipId,
                apiVersion);
    }
}
