package org.mpysdk.webrepl;

import org.mpysdk.core.TransportException;

/**
 * The board accepted the WebSocket and closed it before asking for the password: it already serves
 * another WebREPL client (a board serves one at a time).
 */
public class WebReplSessionBusyException extends TransportException {
    /** @param message which board and what to close */
    public WebReplSessionBusyException(String message) {
        super(message);
    }
}
