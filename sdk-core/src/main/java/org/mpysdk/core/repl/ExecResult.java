package org.mpysdk.core.repl;

import java.nio.charset.StandardCharsets;

/**
 * What code run in the raw REPL printed. A failed exec is reported by {@link BoardCodeException} instead,
 * so a result always means success.
 *
 * @param stdoutBytes the standard output, exactly as the board sent it (empty for streamed execs)
 * @param elapsedNanos time from sending the code to the end of its output
 */
public record ExecResult(byte[] stdoutBytes, long elapsedNanos) {

    /** @return the standard output decoded as UTF-8, with the board's {@code \r\n} kept */
    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** @return the standard output with {@code \r\n} turned into {@code \n} and surrounding blanks removed */
    public String text() {
        return stdout().replace("\r\n", "\n").strip();
    }
}
