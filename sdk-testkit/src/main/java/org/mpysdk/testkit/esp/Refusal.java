package org.mpysdk.testkit.esp;

/**
 * A command the virtual chip refuses, with the error the ROM would report and the one the stub would.
 * The loader turns it into the right status bytes for its mode.
 */
final class Refusal extends Exception {
    /** ROM: the received message is invalid (bad length, bad sequence, unknown parameters). */
    static final int ROM_INVALID_MESSAGE = 0x05;
    /** ROM: the message was fine but acting on it failed. */
    static final int ROM_FAILED_TO_ACT = 0x06;
    /** ROM: the data checksum did not match. */
    static final int ROM_BAD_CHECKSUM = 0x07;
    /** ROM: writing flash failed. */
    static final int ROM_FLASH_WRITE = 0x08;
    /** ROM: reading flash failed. */
    static final int ROM_FLASH_READ = 0x09;
    /** ROM: a flash read of the wrong length. */
    static final int ROM_READ_LENGTH = 0x0A;
    /** ROM: the compressed data did not inflate. */
    static final int ROM_DEFLATE = 0x0B;

    /** Stub codes: sent big-endian as the two status bytes, so the status byte itself is 0xC0..0xFF. */
    static final int STUB_BAD_DATA_LEN = 0xC000;
    /**
     * What esptool 4.8.1's real stub answers to a FLASH_BEGIN / FLASH_DEFL_BEGIN of the wrong length:
     * status 1, error 0 (seen in Espressif's QEMU), not the 0xC0 "bad data length" of its other checks.
     */
    static final int STUB_BAD_BEGIN_LENGTH = 0x0100;
    static final int STUB_BAD_CHECKSUM = 0xC100;
    static final int STUB_INVALID_COMMAND = 0xC300;
    static final int STUB_FAILED_SPI_OP = 0xC400;
    static final int STUB_NOT_IN_FLASH_MODE = 0xC600;
    static final int STUB_INFLATE_ERROR = 0xC700;
    static final int STUB_NOT_ENOUGH_DATA = 0xC800;
    static final int STUB_TOO_MUCH_DATA = 0xC900;
    static final int STUB_NOT_IMPLEMENTED = 0xFF00;

    private final int romError;
    private final int stubCode;

    Refusal(int romError, int stubCode, String why) {
        super(why, null, false, false);
        this.romError = romError;
        this.stubCode = stubCode;
    }

    int romError() {
        return romError;
    }

    int stubCode() {
        return stubCode;
    }
}
