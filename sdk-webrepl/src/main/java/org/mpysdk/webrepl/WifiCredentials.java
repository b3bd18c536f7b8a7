package org.mpysdk.webrepl;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The network a board should join in station mode. Checked on the host, before anything is sent, with
 * the limits of 802.11 and WPA: an SSID is 1 to 32 bytes, a WPA passphrase 8 to 63 characters, or empty
 * for an open network.
 *
 * <pre>{@code
 * WifiCredentials home = WifiCredentials.of("home", System.getenv("WIFI_PASSWORD"));
 * WifiCredentials cafe = WifiCredentials.open("cafe");
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param ssid the network's name, 1 to 32 bytes in UTF-8
 * @param password the WPA passphrase (8 to 63 characters), or {@code ""} for an open network
 */
public record WifiCredentials(String ssid, String password) {
    /** Longest SSID, in bytes (IEEE 802.11). */
    public static final int MAX_SSID_BYTES = 32;
    /** Shortest WPA passphrase. */
    public static final int MIN_PASSWORD = 8;
    /** Longest WPA passphrase (64 characters would be a raw hex key, which the boards do not all take). */
    public static final int MAX_PASSWORD = 63;

    /**
     * @throws IllegalArgumentException when the SSID or the password is outside the limits above, or holds a
     *     zero character (the boards' C code would cut the name there)
     */
    public WifiCredentials {
        Objects.requireNonNull(ssid, "ssid");
        Objects.requireNonNull(password, "password (pass \"\" for an open network)");
        int ssidBytes = ssid.getBytes(StandardCharsets.UTF_8).length;
        if (ssidBytes < 1 || ssidBytes > MAX_SSID_BYTES) {
            throw new IllegalArgumentException("a Wi-Fi network name (SSID) is 1 to " + MAX_SSID_BYTES
                    + " bytes; this one has " + ssidBytes + " bytes in UTF-8");
        }
        if (ssid.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the SSID and the password must not hold a zero character");
        }
        int pw = password.length();
        if (pw != 0 && (pw < MIN_PASSWORD || pw > MAX_PASSWORD || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD)) {
            // The length only: the password itself is never part of a message.
            throw new IllegalArgumentException("a WPA password is " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters (or empty for an open network); the one given has " + pw);
        }
    }

    /**
     * @param ssid the network's name
     * @param password its WPA passphrase, or {@code ""} for an open network
     * @return the checked credentials
     */
    public static WifiCredentials of(String ssid, String password) {
        return new WifiCredentials(ssid, password);
    }

    /**
     * @param ssid the name of an open network (no password)
     * @return the checked credentials
     */
    public static WifiCredentials open(String ssid) {
        return new WifiCredentials(ssid, "");
    }

    /** @return whether the network has no password */
    public boolean isOpen() {
        return password.isEmpty();
    }

    @Override
    public String toString() {
        return "WifiCredentials[ssid=" + ssid + ", password=" + (isOpen() ? "(none)" : "***") + "]";
    }
}
