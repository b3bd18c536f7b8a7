package org.mpysdk.serial.esp.protocol;

import org.mpysdk.core.BoardException;

/** Bytes from (or for) the ESP bootloader that break the protocol: bad SLIP escapes, short packets, wrong direction byte. */
public class EspProtocolException extends BoardException {
    /** @param message what was malformed */
    public EspProtocolException(String message) {
        super(message);
    }
}
