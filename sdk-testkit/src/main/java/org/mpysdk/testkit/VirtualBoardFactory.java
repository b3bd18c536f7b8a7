package org.mpysdk.testkit;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.Transport;
import org.mpysdk.testkit.internal.VirtualTransportProvider;

/**
 * One kind of virtual board behind the {@code virtual:} scheme ({@code virtual:micropython},
 * {@code virtual:esp32}, ...). {@link org.mpysdk.core.Transports} takes the first provider per scheme,
 * so the testkit registers a single {@link VirtualTransportProvider} and each kind plugs in here
 * through {@code META-INF/services/org.mpysdk.testkit.VirtualBoardFactory}.
 */
public interface VirtualBoardFactory {

    /**
     * @param target what follows {@code virtual:}, lower case (for example {@code micropython} or {@code esp32})
     * @return whether this factory opens that target
     */
    boolean handles(String target);

    /**
     * Opens a fresh virtual board.
     *
     * @param address the parsed port string
     * @param options the options given to {@code Board.open}; ignore unknown ones
     * @return the host end of a link to the new board
     * @throws IOException when the board cannot be started (a missing firmware or peer, a bad target)
     */
    Transport open(PortAddress address, List<BoardOption> options) throws IOException;

    /** @return the targets this factory opens, for messages (for example {@code micropython}) */
    String targets();
}
