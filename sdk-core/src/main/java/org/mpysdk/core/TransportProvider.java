package org.mpysdk.core;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Service-provider interface: a module that can open some kind of port registers an implementation in
 * {@code META-INF/services/org.mpysdk.core.TransportProvider}. {@link Transports#open} picks the
 * provider whose {@link #schemes()} contain the port's scheme.
 */
public interface TransportProvider {

    /**
     * @return the schemes handled, lower case, for example {@code socket}, {@code rfc2217}, {@code ws},
     *     {@code virtual}, or {@link PortAddress#SERIAL} for device names
     */
    Set<String> schemes();

    /**
     * Opens the port.
     *
     * @param address the parsed port string
     * @param options every option given to {@link org.mpysdk.Board#open(String, BoardOption...)}; ignore unknown ones
     * @return the open transport, owned by the caller
     * @throws IOException a {@link PortNotFoundException}, {@link PortBusyException} or another
     *     {@link TransportException} saying why the port could not be opened
     */
    Transport open(PortAddress address, List<BoardOption> options) throws IOException;

    /** @return which module provides this, for messages (for example {@code sdk-serial}) */
    String module();
}
