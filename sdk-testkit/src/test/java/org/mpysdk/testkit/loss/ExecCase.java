package org.mpysdk.testkit.loss;

import java.util.Random;

/**
 * One exec of the load-and-loss run, with the answer known in advance.
 *
 * @param api the call that runs it: {@code exec}, {@code execChecked}, {@code execStreaming} or {@code eval}
 * @param label what kind of code, for the counts
 * @param code the Python sent (for {@code eval}, the expression)
 * @param expected what the call must return: stdout for the exec calls, the repr for {@code eval};
 *     empty when the code must raise
 * @param errorType the exception the code must raise (null when it must not)
 * @param errorMessage that exception's message
 */
record ExecCase(String api, String label, String code, String expected, String errorType, String errorMessage) {
    private static final String[] APIS = {"exec", "execChecked", "execStreaming", "execChecked"};

    /** @return whether the SDK checks this call's answer end to end, so that one damaged on the way back must not be returned */
    boolean checked() {
        return !raises() && (api.equals("eval") || api.equals("execChecked"));
    }

    /** @return whether the code must raise */
    boolean raises() {
        return errorType != null;
    }

    /**
     * @param rnd the run's randomness
     * @param n a number unique to this exec, mixed into the code and its output
     * @param longLines how many lines the long kind has (its size decides plain chunks or raw-paste)
     * @param nl how the board ends a printed line
     * @param checkedExec whether execChecked may be chosen (else exec in its place)
     * @return a random case
     */
    static ExecCase next(Random rnd, int n, int longLines, String nl, boolean checkedExec) {
        ExecCase c = next(rnd, n, longLines);
        String api = !checkedExec && c.api.equals("execChecked") ? "exec" : c.api;
        return new ExecCase(api, c.label, c.code, c.expected.replace("\r\n", nl), c.errorType, c.errorMessage);
    }

    private static ExecCase next(Random rnd, int n, int longLines) {
        String api = APIS[rnd.nextInt(APIS.length)];
        switch (rnd.nextInt(8)) {
            case 0: {
                int a = rnd.nextInt(30_000);
                int b = rnd.nextInt(30_000);
                int c = rnd.nextInt(1000);
                return ok(api, "arithmetic", "print(" + a + " * " + b + " + " + c + ")", (a * b + c) + "\r\n");
            }
            case 1: {
                int k = 5 + rnd.nextInt(45);
                int m = 1 + rnd.nextInt(999);
                long s = 0;
                for (int i = 0; i < k; i++) {
                    s += (long) i * m;
                }
                return ok(api, "loop", "s = 0\nfor i in range(" + k + "):\n    s += i * " + m + "\nprint(s)", s + "\r\n");
            }
            case 2:
                return ok(api, "quotes", "print('it\\'s' + \" \\\"q\\\" \" + str(" + n + ") + '\\\\')",
                        "it's \"q\" " + n + "\\\r\n");
            case 3:
                return ok(api, "unicode", "print('h\u00e9llo w\u00f6rld \u2713 \u00b5Python ' + str(" + n + "))",
                        "h\u00e9llo w\u00f6rld \u2713 \u00b5Python " + n + "\r\n");
            case 4:
                return new ExecCase(api, "raises", "x = " + n + "\nraise ValueError('bad %d' % x)", "", "ValueError", "bad " + n);
            case 5: {
                StringBuilder code = new StringBuilder("t = " + n + "\n");
                long t = n;
                for (int i = 0; i < longLines; i++) {
                    int v = rnd.nextInt(1000);
                    t += v;
                    code.append("t += ").append(v).append("  # a comment to make the code longer\n");
                }
                code.append("print(t)");
                return ok(api, "long", code.toString(), t + "\r\n");
            }
            case 6: {
                int k = 1 + rnd.nextInt(50);
                return new ExecCase("eval", "eval", "[i * " + k + " for i in range(4)]",
                        "[0, " + k + ", " + 2 * k + ", " + 3 * k + "]", null, null);
            }
            default: {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    out.append("line ").append(i).append(' ').append(n).append("\r\n");
                }
                return ok(api, "multi-print", "for i in range(3):\n    print('line', i, " + n + ")", out.toString());
            }
        }
    }

    private static ExecCase ok(String api, String label, String code, String expected) {
        return new ExecCase(api, label, code, expected, null, null);
    }
}
