package org.mpysdk.webrepl;

import java.net.URI;
import java.util.HexFormat;

/**
 * What a fresh MicroPython board offers as its own access point, documented defaults that need no board.
 * The ESP8266 port sets them up at first boot ({@code ports/esp8266/modules/inisetup.py}:
 * {@code ssid = b"MicroPython-%s" % binascii.hexlify(ap_if.config("mac")[-3:])} and
 * {@code key=b"micropythoN"}; {@code ports/esp8266/README.md} gives 192.168.4.1). Other ports start no
 * access point of their own, but use the same address when one is activated (lwIP's soft-AP default);
 * WebREPL listens on 8266 everywhere ({@code extmod/webrepl/webrepl.py}, {@code start(port=8266, ...)}).
 *
 * <pre>{@code
 * Board.open(WifiAccessPoint.DEFAULT_WEBREPL_URI.toString(), WebRepl.password("s3cret"));
 * WifiAccessPoint.defaultSsid(mac);    // "MicroPython-a1b2c3"
 * }</pre>
 */
public final class WifiAccessPoint {
    /** The board's own address on its access point. */
    public static final String DEFAULT_IP = "192.168.4.1";
    /** The start of the access point's SSID; the last 3 bytes of the AP's MAC follow, in lower-case hex. */
    public static final String SSID_PREFIX = "MicroPython-";
    /** The ESP8266 access point's password at first boot (note the upper-case N). */
    public static final String DEFAULT_PASSWORD = "micropythoN";
    /** WebREPL's port. */
    public static final int WEBREPL_PORT = 8266;
    /** WebREPL on the board's own access point. */
    public static final URI DEFAULT_WEBREPL_URI = webReplUri(DEFAULT_IP);

    private WifiAccessPoint() {
    }

    /**
     * @param mac the access point interface's MAC ({@code WLAN(AP_IF).config('mac')}), at least 3 bytes
     * @return the SSID the ESP8266 port gives its access point at first boot
     */
    public static String defaultSsid(byte[] mac) {
        if (mac.length < 3) {
            throw new IllegalArgumentException("a MAC address has 6 bytes; got " + mac.length);
        }
        return SSID_PREFIX + HexFormat.of().formatHex(mac, mac.length - 3, mac.length);
    }

    /** @return {@code ws://host:8266} */
    static URI webReplUri(String host) {
        return URI.create("ws://" + host + ":" + WEBREPL_PORT);
    }
}
