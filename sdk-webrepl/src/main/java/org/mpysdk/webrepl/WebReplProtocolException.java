package org.mpysdk.webrepl;

import org.mpysdk.core.BoardException;

/**
 * Bytes that do not follow the WebREPL file protocol: a request record or reply that is too short,
 * has the wrong signature or an unknown operation. Usually a different firmware or a stream that got
 * out of step; reconnect.
 */
public class WebReplProtocolException extends BoardException {
    /** @param message what was wrong, with the offending bytes */
    public WebReplProtocolException(String message) {
        super(message);
    }
}
