package org.mpysdk.serial;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.mpysdk.core.BaudRate;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportProvider;

/**
 * Registers the ports of this module with {@code Board.open}: device names, {@code socket://host:port}
 * and {@code rfc2217://host:port}. Takes the {@link BaudRate} option (default 115200).
 */
public final class SerialTransportProvider implements TransportProvider {
    /** ser2net's and esp_rfc2217_server's usual port. */
    static final int DEFAULT_RFC2217_PORT = 2217;

    /** For {@link java.util.ServiceLoader}. */
    public SerialTransportProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of(PortAddress.SERIAL, "socket", "rfc2217");
    }

    @Override
    public Transport open(PortAddress address, List<BoardOption> options) throws IOException {
        int baud = BaudRate.from(options);
        return switch (address.scheme()) {
            case "socket" -> SocketTransport.connect(address.text(), address.host(), address.tcpPort(PortAddress.NO_DEFAULT_PORT));
            case "rfc2217" -> Rfc2217Transport.connect(address.text(), address.host(),
                    address.tcpPort(DEFAULT_RFC2217_PORT), baud);
            default -> SerialPortTransport.open(address.target(), baud);
        };
    }

    @Override
    public String module() {
        return "sdk-serial";
    }
}
