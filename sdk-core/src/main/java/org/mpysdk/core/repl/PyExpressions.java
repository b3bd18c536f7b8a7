package org.mpysdk.core.repl;

/**
 * Tells a Python expression from a statement well enough to refuse {@code eval("x = 5")} with a clear
 * message on the host, instead of the board's puzzling error: an {@code =} (not {@code ==}, {@code <=},
 * {@code >=}, {@code !=}, {@code :=}) outside brackets and strings is an assignment, and a line break or
 * {@code ;} there ends a statement. Strings (with their escapes) and brackets are skipped; anything
 * subtler is left to the board, which rejects it with a SyntaxError.
 */
final class PyExpressions {
    private PyExpressions() {
    }

    /**
     * @param expression what the caller passed to {@code eval}
     * @throws IllegalArgumentException when it is null, blank, or a statement as described above
     */
    static void requireExpression(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("eval needs an expression, for example \"len('abc')\"; got "
                    + (expression == null ? "null" : "'" + expression + "'"));
        }
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);
                case '\n', ';' -> {
                    if (depth == 0 && !expression.substring(i + 1).isBlank()) {
                        throw statement(expression, "holds more than one statement");
                    }
                }
                case '=' -> {
                    char before = i > 0 ? expression.charAt(i - 1) : ' ';
                    char after = i + 1 < expression.length() ? expression.charAt(i + 1) : ' ';
                    if (depth == 0 && after != '=' && "=<>!:+-*/%&|^@".indexOf(before) < 0) {
                        throw statement(expression, "is an assignment");
                    }
                    if (depth == 0 && "+-*/%&|^@".indexOf(before) >= 0 && after != '=') {
                        throw statement(expression, "is an augmented assignment");
                    }
                    if (after == '=') {
                        i++;
                    }
                }
                default -> {
                }
            }
        }
    }

    private static IllegalArgumentException statement(String expression, String why) {
        return new IllegalArgumentException("eval takes an expression, and '" + expression + "' " + why
                + "; run statements with exec(...), then eval the value, e.g. exec(\"x = 5\") and eval(\"x\")");
    }
}
