package org.mpysdk.testkit.internal.micropython;

import java.io.IOException;
import java.util.List;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.Transport;
import org.mpysdk.testkit.VirtualBoardFactory;
import org.mpysdk.testkit.micropython.MicroPythonOptions;
import org.mpysdk.testkit.micropython.MicroPythonTransport;

/**
 * Opens {@code virtual:micropython} for {@link org.mpysdk.testkit.internal.VirtualTransportProvider}; takes a
 * {@link MicroPythonOptions} among the board options.
 */
public final class MicroPythonBoards implements VirtualBoardFactory {
    /** The target after {@code virtual:}. */
    public static final String TARGET = "micropython";

    @Override
    public boolean handles(String target) {
        return TARGET.equals(target);
    }

    @Override
    public Transport open(PortAddress address, List<BoardOption> options) throws IOException {
        MicroPythonOptions chosen = MicroPythonOptions.defaults();
        for (BoardOption o : options) {
            if (o instanceof MicroPythonOptions m) {
                chosen = m;
            }
        }
        return MicroPythonTransport.start(chosen);
    }

    @Override
    public String targets() {
        return TARGET;
    }
}
