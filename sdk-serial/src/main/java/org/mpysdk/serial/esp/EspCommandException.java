package org.mpysdk.serial.esp;

import org.mpysdk.core.flash.FlashException;
import org.mpysdk.serial.esp.protocol.RomError;

/**
 * The bootloader answered a command with a failure status. The message names the command, the error
 * code and what the code means.
 */
public class EspCommandException extends FlashException {
    /** The command byte that was refused. */
    private final int opcode;
    /** The status byte (non-zero). */
    private final int status;
    /** The error byte, see {@link RomError}. */
    private final int error;

    /**
     * @param what the operation, for example {@code "write compressed block 3 at 0x10000"}
     * @param opcode the command byte
     * @param status the status byte (non-zero)
     * @param error the error byte
     */
    public EspCommandException(String what, int opcode, int status, int error) {
        super(message(what, opcode, status, error));
        this.opcode = opcode;
        this.status = status;
        this.error = error;
    }

    /**
     * For subclasses with their own message.
     *
     * @param message the whole message, saying what failed and what to do
     * @param opcode the command byte
     * @param status the status byte
     * @param error the error byte
     * @param custom ignored; tells this constructor apart from the public one
     */
    protected EspCommandException(String message, int opcode, int status, int error, boolean custom) {
        super(message);
        this.opcode = opcode;
        this.status = status;
        this.error = error;
    }

    private static String message(String what, int opcode, int status, int error) {
        return String.format("the bootloader refused to %s (command 0x%02X, status %d, error 0x%02X: %s)", what, opcode,
                status, error, RomError.describe(error));
    }

    /** @return the command byte */
    public int opcode() {
        return opcode;
    }

    /** @return the status byte */
    public int status() {
        return status;
    }

    /** @return the error byte */
    public int error() {
        return error;
    }
}
