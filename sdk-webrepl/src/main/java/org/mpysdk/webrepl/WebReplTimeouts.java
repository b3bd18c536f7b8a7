package org.mpysdk.webrepl;

import java.time.Duration;
import org.mpysdk.core.BoardOption;

/**
 * Time limits of a WebREPL connection, as an option of {@code Board.open}.
 *
 * <pre>{@code
 * Board.open("ws://192.168.4.1:8266", WebRepl.password("s3cret"),
 *         WebReplTimeouts.DEFAULTS.withConnect(Duration.ofSeconds(10)));
 * }</pre>
 *
 * @param connect TCP connect plus the WebSocket upgrade
 * @param login from the upgrade to {@code WebREPL connected} (or {@code Access denied})
 * @param reply the longest wait for any one reply of the file protocol, and for a queued write to drain
 * @param close how long a clean close waits for the board's close reply before cutting the socket
 */
public record WebReplTimeouts(Duration connect, Duration login, Duration reply, Duration close) implements BoardOption {
    /** 5 s connect, 5 s login, 10 s per file-protocol reply, 3 s close (a busy board answers a close late). */
    public static final WebReplTimeouts DEFAULTS = new WebReplTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(3));

    /**
     * Validates that every limit is positive.
     *
     * @param connect TCP connect plus the WebSocket upgrade
     * @param login from the upgrade to the board's greeting
     * @param reply the longest wait for one reply of the file protocol
     * @param close how long a clean close waits
     * @throws IllegalArgumentException when a limit is null, zero or negative
     */
    public WebReplTimeouts {
        for (Duration d : new Duration[] {connect, login, reply, close}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("WebREPL timeouts must be positive: " + d);
            }
        }
    }

    /**
     * @param d TCP connect plus the WebSocket upgrade; raise it for boards on a slow Wi-Fi
     * @return a copy with another connect timeout
     */
    public WebReplTimeouts withConnect(Duration d) {
        return new WebReplTimeouts(d, login, reply, close);
    }

    /**
     * @param d from the upgrade to {@code WebREPL connected} or {@code Access denied}
     * @return a copy with another login timeout
     */
    public WebReplTimeouts withLogin(Duration d) {
        return new WebReplTimeouts(connect, d, reply, close);
    }

    /**
     * @param d the longest wait for one reply of the file protocol
     * @return a copy with another per-reply timeout
     */
    public WebReplTimeouts withReply(Duration d) {
        return new WebReplTimeouts(connect, login, d, close);
    }

    /**
     * @param d how long a clean close waits for the board's close reply
     * @return a copy with another close timeout
     */
    public WebReplTimeouts withClose(Duration d) {
        return new WebReplTimeouts(connect, login, reply, d);
    }
}
