package org.mpysdk.webrepl;

import org.mpysdk.core.BoardException;

/**
 * The board answered the WebREPL password with {@code Access denied} (and then dropped the connection).
 * The password is the {@code PASS} in the board's {@code webrepl_cfg.py}, or the one given to
 * {@code webrepl.start(password=...)}.
 */
public class WebReplAuthException extends BoardException {
    /** @param message which board refused and what to check */
    public WebReplAuthException(String message) {
        super(message);
    }
}
