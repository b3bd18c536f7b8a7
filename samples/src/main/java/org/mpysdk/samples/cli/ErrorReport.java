package org.mpysdk.samples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code mpy} reports a failure: {@code error: MESSAGE} on stderr, or, with {@code --json}, one JSON
 * object on stdout ({@code {"error": "...", "type": "...", "exitCode": N}}), so that a script reading
 * stdout always gets exactly one JSON document, whether the command worked or not.
 */
final class ErrorReport {
    /** The {@code type} of a bad command line; other failures name the exception's class. */
    static final String USAGE = "usage";

    private ErrorReport() {
    }

    /**
     * @param json whether {@code --json} was given
     * @param type what kind of failure: {@link #USAGE}, or an exception's simple class name
     * @param message what went wrong, in the CLI's words
     * @param exitCode the code the command exits with (also put into the JSON object)
     * @return {@code exitCode}
     */
    static int print(boolean json, String type, String message, int exitCode) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            m.put("type", type);
            m.put("exitCode", exitCode);
            try {
                Output.json(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a map of strings always serialises
            }
        } else {
            System.err.println("error: " + message);
        }
        return exitCode;
    }
}
