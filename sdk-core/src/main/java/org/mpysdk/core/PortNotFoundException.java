package org.mpysdk.core;

/** The named port does not exist; the message lists the ports that do. */
public class PortNotFoundException extends TransportException {
    /** @param message names the missing port and the ports that exist */
    public PortNotFoundException(String message) {
        super(message);
    }
}
