package org.mpysdk.webrepl;

import org.mpysdk.core.BoardException;

/**
 * The board did not get onto the Wi-Fi network. {@link #reason()} says why; the message says what to do.
 * (A board without a {@code network} module raises
 * {@link org.mpysdk.core.repl.UnsupportedRemoteOperationException} instead: no retry will help there.)
 */
public class WifiException extends BoardException {
    /** Why the connection failed. */
    public enum Reason {
        /** {@code STAT_WRONG_PASSWORD}: the access point refused the password. */
        WRONG_PASSWORD,
        /** {@code STAT_NO_AP_FOUND}: no access point with that SSID in range. */
        NO_AP_FOUND,
        /** {@code STAT_CONNECT_FAIL}: the association failed for another reason. */
        CONNECT_FAILED,
        /** The board did not report a connection with an address before the deadline. */
        TIMEOUT
    }

    private final Reason reason;
    private final int statusCode;

    /**
     * @param reason why
     * @param statusCode the board's last {@code WLAN.status()} value
     * @param message what happened and what to do
     */
    public WifiException(Reason reason, int statusCode, String message) {
        super(message);
        this.reason = reason;
        this.statusCode = statusCode;
    }

    /** @return why the connection failed */
    public Reason reason() {
        return reason;
    }

    /** @return the board's last {@code WLAN.status()} value (port-specific) */
    public int statusCode() {
        return statusCode;
    }
}
