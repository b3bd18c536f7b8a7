package org.mpysdk.serial.esp.stub;

import org.mpysdk.core.flash.FlashException;

/** A stub file is not valid JSON, or lacks a field esptool's stub format requires. */
public class StubFormatException extends FlashException {
    /** @param message what is wrong, with the file name */
    public StubFormatException(String message) {
        super(message);
    }
}
