package org.mpysdk.serial.esp;

/**
 * The loader does not implement the command: the ROM answers an unknown opcode with "invalid message"
 * under another opcode, or the SDK knows the loader lacks it (for example ERASE_REGION on a ROM, or
 * CHANGE_BAUDRATE on the ESP8266 ROM).
 */
public class UnsupportedCommandException extends EspCommandException {
    /**
     * @param what what was attempted and, where useful, what to do instead
     * @param opcode the command byte
     */
    public UnsupportedCommandException(String what, int opcode) {
        super(String.format("the bootloader does not support %s (command 0x%02X)", what, opcode), opcode, 1, 0x05, true);
    }
}
