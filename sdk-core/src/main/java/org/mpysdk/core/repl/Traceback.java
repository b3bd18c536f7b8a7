package org.mpysdk.core.repl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MicroPython traceback split into its parts.
 *
 * <pre>{@code
 * Traceback t = Traceback.parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: division by zero\r\n");
 * t.type();    // "ZeroDivisionError"
 * t.message(); // "division by zero"
 * t.line();    // 1
 * }</pre>
 *
 * @param type the exception class, for example {@code OSError}; {@code "Error"} when the text has no class
 * @param message the text after {@code "Type: "}, possibly empty
 * @param file the innermost file named in the traceback, or {@code null}
 * @param line that file's line number, or -1
 * @param text the whole text as the board printed it, line ends normalised to {@code \n}
 */
public record Traceback(String type, String message, String file, int line, String text) {
    private static final Pattern FILE_LINE = Pattern.compile("^\\s*File \"([^\"]*)\", line (\\d{1,9})");
    private static final Pattern TYPE_LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.]*)(?::\\s?(.*))?$");
    private static final Pattern ERRNO = Pattern.compile("^\\[Errno (\\d{1,6})\\]|^(\\d{1,6})$|^\\((\\d{1,6}),");

    /**
     * Parses what the board printed after the first {@code \x04}; never fails.
     *
     * @param text the traceback text (any bytes decoded as UTF-8 are fine)
     * @return the parts; {@code type} is {@code "Error"} and {@code line} -1 where the text does not say
     */
    public static Traceback parse(String text) {
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = normal.split("\n");
        String file = null;
        int line = -1;
        String last = "";
        for (String l : lines) {
            Matcher m = FILE_LINE.matcher(l);
            if (m.find()) {
                file = m.group(1);
                line = Integer.parseInt(m.group(2));
            } else if (!l.isBlank() && !l.startsWith("Traceback (most recent call last)")) {
                last = l.strip();
            }
        }
        String type = "Error";
        String message = last;
        Matcher t = TYPE_LINE.matcher(last);
        if (t.matches()) {
            type = t.group(1);
            message = t.group(2) == null ? "" : t.group(2).strip();
        }
        return new Traceback(type, message, file, line, normal.strip());
    }

    /**
     * @return the errno of an {@code OSError} ({@code [Errno 2] ENOENT}, {@code 2}, {@code (2, ...)}),
     *     2 for the micro:bit's {@code file not found}, or -1 when there is none
     */
    public int errno() {
        if (!type.endsWith("OSError") && !type.endsWith("IOError")) {
            return -1;
        }
        Matcher m = ERRNO.matcher(message);
        if (m.find()) {
            for (int g = 1; g <= 3; g++) {
                if (m.group(g) != null) {
                    return Integer.parseInt(m.group(g));
                }
            }
        }
        if (message.contains("ENOENT") || message.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
            return 2;
        }
        return -1;
    }
}
