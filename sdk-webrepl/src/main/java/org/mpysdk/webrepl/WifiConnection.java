package org.mpysdk.webrepl;

import java.net.URI;
import java.util.Objects;

/**
 * Where a board is on the network, as its {@code WLAN.ifconfig()} says, and the WebREPL address to open.
 *
 * <pre>{@code
 * WifiConnection c = WebRepl.wifi(serial).connect(WifiCredentials.of("home", pw));
 * Board.open(c.webReplUri().toString(), WebRepl.password("s3cret"));   // ws://192.168.1.42:8266
 * }</pre>
 *
 * @param ip the board's IPv4 address
 * @param netmask its netmask
 * @param gateway the gateway
 * @param dns the DNS server
 * @param webReplUri {@code ws://ip:8266}
 */
public record WifiConnection(String ip, String netmask, String gateway, String dns, URI webReplUri) {
    /** @throws NullPointerException when a part is missing */
    public WifiConnection {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(netmask, "netmask");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(webReplUri, "webReplUri");
    }

    /**
     * @return the connection with the WebREPL address on MicroPython's port, {@value WifiAccessPoint#WEBREPL_PORT}
     */
    public static WifiConnection of(String ip, String netmask, String gateway, String dns) {
        return new WifiConnection(ip, netmask, gateway, dns, WifiAccessPoint.webReplUri(ip));
    }
}
