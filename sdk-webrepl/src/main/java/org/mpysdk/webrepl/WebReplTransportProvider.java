package org.mpysdk.webrepl;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportProvider;

/**
 * Registers {@code ws://} and {@code wss://} with {@code Board.open}. Takes {@link WebReplPassword}
 * (required), {@link WebReplTimeouts}, {@link WebReplPacing} and {@link WebReplTextMode}.
 */
public final class WebReplTransportProvider implements TransportProvider {
    /** For {@link java.util.ServiceLoader}. */
    public WebReplTransportProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("ws", "wss");
    }

    @Override
    public Transport open(PortAddress address, List<BoardOption> options) throws IOException {
        WebReplPassword password = null;
        WebReplTimeouts timeouts = WebReplTimeouts.DEFAULTS;
        WebReplPacing pacing = WebReplPacing.DEFAULTS;
        WebReplTextMode mode = WebReplTextMode.BYTES;
        for (BoardOption o : options) {
            if (o instanceof WebReplPassword p) {
                password = p;
            } else if (o instanceof WebReplTimeouts t) {
                timeouts = t;
            } else if (o instanceof WebReplPacing p) {
                pacing = p;
            } else if (o instanceof WebReplTextMode m) {
                mode = m;
            }
        }
        if (password == null) {
            throw new WebReplAuthException(address.text() + " needs the WebREPL password: Board.open(\"" + address.text()
                    + "\", WebRepl.password(\"...\"))");
        }
        return WebReplTransport.connect(address, password, timeouts, pacing, mode);
    }

    @Override
    public String module() {
        return "sdk-webrepl";
    }
}
