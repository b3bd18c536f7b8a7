package org.mpysdk.webrepl;

import org.mpysdk.core.internal.PyLiterals;

/**
 * The Python the SDK runs on the board for Wi-Fi. Each script is one function that is called and
 * deleted, so no names stay in the board's globals, and prints one {@link WifiReply} line.
 */
final class WifiScripts {
    private WifiScripts() {
    }

    // Some firmware has a network module without WLAN (a wired-only port): that is "no Wi-Fi" too.
    private static final String IMPORT = """
                try:
                    import network
                    network.WLAN
                    network.STA_IF
                except (ImportError, AttributeError):
                    print('NONETWORK')
                    return
            """;

    /**
     * @param c the network; its strings are quoted with {@link PyLiterals}, never pasted in
     * @return code that activates the station interface and starts connecting, dropping a connection it
     *     had or was making (so the new credentials are the ones used; ESP32 refuses a connect() while one is
     *     under way, e.g. one that boot.py started)
     */
    public static String start(WifiCredentials c) {
        String args = PyLiterals.stringLiteral(c.ssid()) + (c.isOpen() ? "" : ", " + PyLiterals.stringLiteral(c.password()));
        return wrap(IMPORT + """
                    w = network.WLAN(network.STA_IF)
                    w.active(True)
                    if w.isconnected() or w.status() == getattr(network, 'STAT_CONNECTING', None):
                        w.disconnect()
                    w.connect(%s)
                    print('STARTED')
                """.formatted(args));
    }

    /**
     * @param sliceMs how long the board polls before it answers; bounded, so the host gets control back
     * @param stepMs the pause between two looks
     * @return code that waits until the station is connected with an address, a {@code STAT_*} failure, or
     *     the slice is over. The failure constants are looked up by name: their numbers differ per port
     *     (ESP8266 2/3/4, ESP32 the IDF's reason codes 202/201/203) and some ports lack some of them.
     */
    public static String poll(long sliceMs, long stepMs) {
        return wrap("""
                    import network, time
                    w = network.WLAN(network.STA_IF)
                    t = time.ticks_ms()
                    while True:
                        s = w.status()
                        if w.isconnected():
                            c = w.ifconfig()
                            if c[0] != '0.0.0.0':
                                print('UP', c[0], c[1], c[2], c[3])
                                return
                        for n in ('STAT_WRONG_PASSWORD', 'STAT_NO_AP_FOUND', 'STAT_CONNECT_FAIL'):
                            if s == getattr(network, n, None):
                                print('FAIL', n, s)
                                return
                        if time.ticks_diff(time.ticks_ms(), t) >= %d:
                            print('WAIT', s)
                            return
                        time.sleep_ms(%d)
                """.formatted(sliceMs, stepMs));
    }

    /**
     * @return code that disconnects the station, so a board that failed to join stops retrying on its own
     *     (ESP32 keeps reconnecting after a wrong password); prints nothing
     */
    public static String stop() {
        return wrap("""
                    import network
                    network.WLAN(network.STA_IF).disconnect()
                """);
    }

    /** @return code that prints the station interface's state as a {@code STATUS} line */
    public static String status() {
        return wrap(IMPORT + """
                    w = network.WLAN(network.STA_IF)
                    a = w.active()
                    s = w.status() if a else -1
                    c = w.ifconfig() if a else ('0.0.0.0',) * 4
                    print('STATUS', int(a), s, int(a and w.isconnected()), c[0], c[1], c[2], c[3])
                """);
    }

    /**
     * @return code that prints the access point's SSID as a bytes literal of its UTF-8, or {@code NONETWORK}.
     *     Bytes, because a str's repr differs between versions (1.27 writes non-ASCII as {@code \xNN} escapes
     *     of code points, newer ones as UTF-8). ESP8266 and older ports call the key {@code essid}; newer ones
     *     {@code ssid} too.
     */
    public static String accessPointSsid() {
        return wrap(IMPORT + """
                    w = network.WLAN(network.AP_IF)
                    try:
                        n = w.config('ssid')
                    except (ValueError, TypeError):
                        n = w.config('essid')
                    print(repr(n.encode() if isinstance(n, str) else bytes(n)))
                """);
    }

    private static String wrap(String body) {
        return "def _mpysdk_wifi():\n" + body + "try:\n    _mpysdk_wifi()\nfinally:\n    del _mpysdk_wifi\n";
    }
}
