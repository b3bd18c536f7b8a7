package org.mpysdk.webrepl;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link WifiSetup#connect} waits and what it does once the board is on the network.
 *
 * <pre>{@code
 * WifiOptions o = WifiOptions.DEFAULTS.withTimeout(Duration.ofSeconds(30)).withWebRepl("s3cret");
 * }</pre>
 *
 * @param timeout how long the board may take to join and get an address (DHCP included)
 * @param pollInterval how long one poll runs on the board before the host looks again (progress, cancel)
 * @param webReplPassword when present, WebREPL is enabled with it ({@link WebReplSetup#enable}) and started
 *     at once, so the returned {@code ws://} address answers; never shown by {@link #toString()}
 */
public record WifiOptions(Duration timeout, Duration pollInterval, Optional<String> webReplPassword) {
    /** 20 s to connect, polls of 500 ms, WebREPL left as it is. */
    public static final WifiOptions DEFAULTS = new WifiOptions(Duration.ofSeconds(20), Duration.ofMillis(500), Optional.empty());

    /** @throws IllegalArgumentException when a duration is not positive or the WebREPL password is not 4-9 characters */
    public WifiOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(webReplPassword, "webReplPassword");
        if (timeout.isNegative() || timeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("timeout and pollInterval must be positive");
        }
        webReplPassword.ifPresent(WebReplSetup::checkPassword);
    }

    /** @return these options with another overall timeout */
    public WifiOptions withTimeout(Duration t) {
        return new WifiOptions(t, pollInterval, webReplPassword);
    }

    /** @return these options with another poll length */
    public WifiOptions withPollInterval(Duration p) {
        return new WifiOptions(timeout, p, webReplPassword);
    }

    /** @return these options, enabling and starting WebREPL with this password (4-9 characters) once connected */
    public WifiOptions withWebRepl(String password) {
        return new WifiOptions(timeout, pollInterval, Optional.of(password));
    }

    @Override
    public String toString() {
        return "WifiOptions[timeout=" + timeout + ", pollInterval=" + pollInterval + ", webRepl="
                + (webReplPassword.isPresent() ? "enable (password ***)" : "unchanged") + "]";
    }
}
