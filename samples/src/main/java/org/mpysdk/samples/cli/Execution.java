package org.mpysdk.samples.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.ExecResult;

/** Runs code for {@code exec} and {@code run}: streamed to stdout, or collected for {@code --json}. */
final class Execution {
    private Execution() {
    }

    static int run(Board board, String code, Duration timeout, boolean json) throws Exception {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            try {
                ExecResult r = board.repl().exec(code, timeout);
                m.put("stdout", r.stdout());
                m.put("error", null);
            } catch (BoardCodeException e) {
                m.put("stdout", e.stdout());
                m.put("error", Map.of("type", e.type(), "message", e.remoteMessage(), "line", e.line()));
            }
            Output.json(m);
            return m.get("error") == null ? 0 : Mpy.EXIT_REMOTE_ERROR;
        }
        try {
            board.repl().execStreaming(code, (b, off, len) -> {
                System.out.write(b, off, len);
                System.out.flush();
            }, timeout);
            return 0;
        } catch (BoardCodeException e) {
            System.out.flush();
            System.err.println(e.traceback() != null ? e.getMessage() : e.toString());
            return Mpy.EXIT_REMOTE_ERROR;
        }
    }
}
