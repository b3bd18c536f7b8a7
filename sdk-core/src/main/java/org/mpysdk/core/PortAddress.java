package org.mpysdk.core;

import java.util.Locale;

/**
 * A port string split into scheme and the rest: {@code socket://host:1234} is scheme {@code socket};
 * {@code virtual:esp32} is scheme {@code virtual}; a device name such as {@code /dev/ttyUSB0} or
 * {@code COM3} has scheme {@link #SERIAL}.
 *
 * @param scheme lower-case scheme
 * @param target what follows the scheme separator (the whole string for a device name)
 * @param text the port string as given
 */
public record PortAddress(String scheme, String target, String text) {
    /** The scheme given to plain device names. */
    public static final String SERIAL = "serial";
    /** Pass to {@link #tcpPort(int)} when the port number is required. */
    public static final int NO_DEFAULT_PORT = -1;

    /**
     * Splits a port string; unknown schemes are accepted here and reported when a provider is looked up.
     *
     * @param port a device name ({@code /dev/ttyUSB0}, {@code COM3}) or URL ({@code socket://h:p},
     *     {@code virtual:esp32})
     * @return the parsed address
     * @throws IllegalArgumentException when {@code port} is null or blank
     */
    public static PortAddress parse(String port) {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("port must not be empty: give a device such as /dev/ttyUSB0 or COM3, or socket://host:port");
        }
        String text = port.strip();
        int sep = text.indexOf("://");
        if (sep > 0) {
            return new PortAddress(text.substring(0, sep).toLowerCase(Locale.ROOT), text.substring(sep + 3), text);
        }
        int colon = text.indexOf(':');
        // A one-letter scheme would be a Windows drive letter; "COM3" has no colon at all.
        if (colon > 1 && text.substring(0, colon).chars().allMatch(Character::isLetter)) {
            return new PortAddress(text.substring(0, colon).toLowerCase(Locale.ROOT), text.substring(colon + 1), text);
        }
        return new PortAddress(SERIAL, text, text);
    }

    /** @return host of a {@code host:port} target */
    public String host() {
        int c = target.lastIndexOf(':');
        String h = c < 0 ? target : target.substring(0, c);
        int slash = h.indexOf('/');
        return slash < 0 ? h : h.substring(0, slash);
    }

    /**
     * @param defaultPort used when the target names no port, or {@link #NO_DEFAULT_PORT}
     * @return the TCP port of a {@code host:port} target
     * @throws IllegalArgumentException when the number is missing (and required) or malformed
     */
    public int tcpPort(int defaultPort) {
        int c = target.lastIndexOf(':');
        if (c < 0) {
            if (defaultPort == NO_DEFAULT_PORT) {
                throw new IllegalArgumentException(text + " names no TCP port; write it as " + scheme + "://host:port");
            }
            return defaultPort;
        }
        String p = target.substring(c + 1);
        int slash = p.indexOf('/');
        if (slash >= 0) {
            p = p.substring(0, slash);
        }
        try {
            int n = Integer.parseInt(p);
            if (n < 1 || n > 65535) {
                throw new IllegalArgumentException("TCP port out of range in " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a TCP port number in " + text + ": '" + p + "'", e);
        }
    }
}
