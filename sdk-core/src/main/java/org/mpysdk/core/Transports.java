package org.mpysdk.core;

import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens a port string with whichever {@link TransportProvider} on the classpath handles its scheme.
 *
 * <pre>{@code
 * Transport t = Transports.open("socket://127.0.0.1:5555");
 * }</pre>
 */
public final class Transports {
    private Transports() {
    }

    /** Schemes that other SDK modules provide, to tell the user which module is missing. */
    private static final java.util.Map<String, String> KNOWN = java.util.Map.of(
            PortAddress.SERIAL, "sdk-serial",
            "socket", "sdk-serial",
            "rfc2217", "sdk-serial",
            "ws", "sdk-webrepl",
            "wss", "sdk-webrepl",
            "virtual", "sdk-testkit");

    /**
     * @param port a device name ({@code /dev/ttyUSB0}, {@code COM3}) or URL ({@code socket://h:p},
     *     {@code rfc2217://h:p}, {@code ws://h:8266}, {@code virtual:esp32})
     * @param options transport options (passwords, baud rate); each provider takes those it knows
     * @return the open transport; the caller closes it
     * @throws UnsupportedPortException when no provider handles the scheme
     * @throws IOException a {@link PortNotFoundException}, {@link PortBusyException} or another
     *     {@link TransportException} from the provider when the port cannot be opened
     */
    public static Transport open(String port, BoardOption... options) throws IOException {
        return open(port, ServiceLoader.load(TransportProvider.class), options);
    }

    /**
     * As {@link #open(String, BoardOption...)} with an explicit set of providers (for tests and containers).
     *
     * @param port a device name or URL, as for {@link #open(String, BoardOption...)}
     * @param providers the providers to choose from, asked in iteration order; the first that
     *     handles the port's scheme opens it
     * @param options transport options handed to the chosen provider
     * @return the open transport; the caller closes it
     * @throws UnsupportedPortException when none of {@code providers} handles the scheme
     * @throws IOException when the chosen provider cannot open the port
     */
    public static Transport open(String port, Iterable<TransportProvider> providers, BoardOption... options)
            throws IOException {
        PortAddress address = PortAddress.parse(port);
        TreeMap<String, String> available = new TreeMap<>();
        for (TransportProvider provider : providers) {
            for (String scheme : provider.schemes()) {
                available.put(scheme, provider.module());
            }
            if (provider.schemes().contains(address.scheme())) {
                return provider.open(address, List.of(options));
            }
        }
        String hint = KNOWN.containsKey(address.scheme())
                ? "; add the " + KNOWN.get(address.scheme()) + " module to the classpath"
                : "";
        throw new UnsupportedPortException("no transport for '" + port + "' (scheme '" + address.scheme()
                + "'); schemes on the classpath: " + (available.isEmpty() ? "none" : available.keySet()) + hint);
    }
}
