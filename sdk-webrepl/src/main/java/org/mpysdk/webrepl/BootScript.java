package org.mpysdk.webrepl;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits the WebREPL start lines of a {@code boot.py} the way MicroPython's {@code webrepl_setup} does:
 * lines holding {@code import webrepl} or {@code webrepl.start(} are switched on by removing a leading
 * {@code #} and off by adding one; enabling a file without such lines appends them. Every edit is
 * idempotent: applying it twice gives the same text as once.
 *
 * <pre>{@code
 * BootScript.enable("import esp\n");   // "import esp\nimport webrepl\nwebrepl.start()\n"
 * }</pre>
 */
final class BootScript {
    /** The lines appended to start WebREPL at boot. */
    public static final String START_LINES = "import webrepl\nwebrepl.start()\n";

    private BootScript() {
    }

    /**
     * @param boot the current content of {@code boot.py}, possibly empty
     * @return {@code boot} with WebREPL started at boot
     */
    public static String enable(String boot) {
        List<String> lines = lines(boot);
        boolean found = false;
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (isStartLine(line)) {
                found = true;
                line = uncomment(line);
            }
            out.append(line);
        }
        if (!found) {
            endLine(out);
            out.append(START_LINES);
        }
        return completed(out.toString());
    }

    /**
     * A boot.py may hold only one of the two lines (found by fuzzing: {@code "webrepl.start()\n"} alone
     * starts nothing, it raises NameError at boot): add the other, the import before the first start.
     */
    private static String completed(String boot) {
        if (startsWebRepl(boot)) {
            return boot;
        }
        StringBuilder out = new StringBuilder();
        boolean imported = false;
        for (String line : lines(boot)) {
            String code = line.strip();
            boolean active = !code.startsWith("#");
            if (active && code.contains("import webrepl") && !code.contains("webrepl_")) {
                imported = true;
            }
            if (active && !imported && code.contains("webrepl.start(")) {
                // Same indentation, so that a start inside a block gets its import inside it too.
                out.append(line, 0, line.length() - line.stripLeading().length()).append("import webrepl\n");
                imported = true;
            }
            out.append(line);
        }
        if (!startsWebRepl(out.toString())) {
            endLine(out);
            out.append("webrepl.start()\n");
        }
        return out.toString();
    }

    private static void endLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /**
     * @param boot the current content of {@code boot.py}, possibly empty
     * @return {@code boot} with the WebREPL start lines commented out
     */
    public static String disable(String boot) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(boot)) {
            if (isStartLine(line) && !line.stripLeading().startsWith("#")) {
                line = "#" + line;
            }
            out.append(line);
        }
        return out.toString();
    }

    /**
     * @param boot the current content of {@code boot.py}, possibly empty
     * @return whether {@code boot} starts WebREPL: an import and a start line, neither commented out
     */
    public static boolean startsWebRepl(String boot) {
        boolean imported = false;
        boolean started = false;
        for (String line : lines(boot)) {
            String code = line.strip();
            if (code.startsWith("#")) {
                continue;
            }
            imported |= code.contains("import webrepl") && !code.contains("webrepl_");
            started |= code.contains("webrepl.start(");
        }
        return imported && started;
    }

    /**
     * Counts start lines, so a caller can notice a {@code boot.py} that starts WebREPL twice.
     *
     * @param boot the current content of {@code boot.py}, possibly empty
     * @return how many active {@code webrepl.start(} lines {@code boot} holds
     */
    public static int startLineCount(String boot) {
        int n = 0;
        for (String line : lines(boot)) {
            String code = line.strip();
            if (!code.startsWith("#") && code.contains("webrepl.start(")) {
                n++;
            }
        }
        return n;
    }

    private static boolean isStartLine(String line) {
        String code = uncomment(line).strip();
        return (code.contains("import webrepl") && !code.contains("webrepl_")) || code.contains("webrepl.start(");
    }

    private static String uncomment(String line) {
        String lead = line.substring(0, line.length() - line.stripLeading().length());
        String rest = line.stripLeading();
        // Leading white space after a '#' goes too: Java's strip() counts more characters as white space
        // than Python does (\x1e, say), and a line left starting with one would uncomment again next
        // time (a fuzz finding: enable was not idempotent).
        while (rest.startsWith("#")) {
            rest = rest.substring(1).stripLeading();
        }
        return lead + rest;
    }

    /** Splits keeping each line's own ending. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
