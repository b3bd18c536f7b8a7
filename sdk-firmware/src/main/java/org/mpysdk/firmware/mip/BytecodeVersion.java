package org.mpysdk.firmware.mip;

import java.io.IOException;
import org.mpysdk.core.repl.Repl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which variant of a package suits the board: its {@code .mpy} bytecode version, as mpremote asks for
 * it ({@code sys.implementation._mpy & 0xFF}), or {@code "py"} (sources) on firmware that does not say.
 */
final class BytecodeVersion {
    private static final Logger LOG = LoggerFactory.getLogger(BytecodeVersion.class);

    private BytecodeVersion() {
    }

    static String of(Repl repl) throws IOException {
        String answer = repl.eval("getattr(__import__('sys').implementation, '_mpy', 0) & 0xFF");
        try {
            int v = Integer.parseInt(answer.strip());
            return v > 0 ? Integer.toString(v) : "py";
        } catch (NumberFormatException e) {
            LOG.debug("the board answered '{}' for its bytecode version; installing sources", answer);
            return "py";
        }
    }
}
