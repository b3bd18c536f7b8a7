package org.mpysdk.serial.esp.protocol;

/** Error codes in a failed response's error byte, with what they mean. */
public final class RomError {
    private RomError() {
    }

    /**
     * @param code the error byte of a failed response
     * @return a human description of the error code
     */
    public static String describe(int code) {
        return switch (code) {
            case 0x05 -> "received message is invalid (parameters or length wrong)";
            case 0x06 -> "failed to act on received message";
            case 0x07 -> "invalid CRC in message";
            case 0x08 -> "flash write error (after writing, a read-back did not match)";
            case 0x09 -> "flash read error";
            case 0x0A -> "flash read length error";
            case 0x0B -> "deflate error (compressed data corrupted)";
            case 0xC0 -> "stub: bad data length";
            case 0xC1 -> "stub: bad data checksum";
            case 0xC2 -> "stub: bad block size";
            case 0xC3 -> "stub: invalid command";
            case 0xC4 -> "stub: failed SPI operation";
            case 0xC5 -> "stub: failed SPI unlock";
            case 0xC6 -> "stub: not in flash mode";
            case 0xC7 -> "stub: inflate error";
            case 0xC8 -> "stub: not enough data";
            case 0xC9 -> "stub: too much data";
            case 0xFF -> "command not implemented";
            default -> String.format("unknown error 0x%02X", code);
        };
    }
}
