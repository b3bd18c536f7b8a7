package org.mpysdk.core.repl;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.mpysdk.core.internal.PyLiterals;

/**
 * Wraps code so that the board checks it arrived intact before running it, and reads the board's
 * answer when it did not.
 *
 * <p>The plain raw REPL has no flow control and no check: a byte dropped by a busy board, or changed on
 * the line, and the board runs other code than was sent. So every submission travels as a bytes literal
 * with a check of its length and content, {@code exec(__mg(b'...',H))}; the helper {@code __mg}
 * computes the check and raises before anything runs when it differs. The check is the code's length plus the code read as one little-endian number, modulo the
 * prime 1000000007: {@code int.from_bytes} and {@code %} are built into every MicroPython,
 * the micro:bit's included (it has no binascii), and any single changed byte changes it. The board
 * computes it 64 bytes at a time, so checking costs no memory beyond the code itself. The wrapper is
 * short because every input byte costs line time (87 us at 115200): a guarded {@code pass} is 27 bytes.
 *
 * <p>Damage outside the literal breaks the line instead: the whole submission is compiled before any of
 * it runs, and a lost or extra quote leaves a string open, so the wrapper fails with a SyntaxError, a
 * NameError or similar in the board's {@code <stdin>}. User code runs only inside {@code exec}, so every
 * traceback of the user's code has a {@code <string>} frame outside the helpers; a traceback without one
 * means the code did not run and may be sent again.
 *
 * <p>The helper is defined on first use in a connection, and again after a reset, by a self-contained
 * line that checks the definition the same way (a lambda, so it needs nothing on the board).
 *
 * <pre>{@code
 * byte[] wire = SubmissionGuard.wrap(code, !helperDefined);
 * // ... run wire; on an error text:
 * switch (SubmissionGuard.classify(errText)) { case DAMAGED -> resend; case USER -> report }
 * }</pre>
 */
final class SubmissionGuard {
    /** The modulus of the hash: a prime below 2^30, so every remainder is a small int on the board. */
    static final long MODULUS = 1_000_000_007L;
    /** The message the helper raises on a mismatch. */
    static final String DAMAGED_MESSAGE = "mpysdk guard: code damaged in transit";
    /** The helper's name in the board's globals. */
    static final String HELPER = "__mg";

    /** Bytes hashed per step on the board: one big number of the whole code would be a third copy of it. */
    private static final int STEP = 64;
    /** The helper that hashes bytes on the board, for code coming in and for answers going out. */
    static final String HASHER = "__mgh"; // __m* names are the SDK's; this one no other code uses
    private static final String HELPER_SOURCE = "def " + HASHER + "(c):\n"
            + " s=0;w=1\n"
            + " for i in range(0,len(c)," + STEP + "):s=(s+int.from_bytes(c[i:i+" + STEP + "],'little')*w)%" + MODULUS
            + ";w=w*" + stepWeight() + "%" + MODULUS + "\n"
            + " return s\n"
            + "def " + HELPER + "(c,h):\n"
            + " if (" + HASHER + "(c)+len(c))%" + MODULUS + "!=h:raise ValueError('" + DAMAGED_MESSAGE + "')\n"
            + " return c\n";
    /** A frame of code run by exec: the user's, unless it is in one of the guard's helpers. */
    private static final Pattern USER_FRAME = Pattern.compile(
            "^\\s*File \"<string>\", line \\d+(?!\\d)(?!, in __mgh?$)", Pattern.MULTILINE);
    /** The wrapper's frame, which comes before the user's frames in a traceback. */
    private static final Pattern GUARD_FRAME = Pattern.compile(
            "^\\s*File \"<stdin>\", line \\d+, in <module>\\n(?=\\s*File \"<string>\")", Pattern.MULTILINE);

    /** What an error text after a guarded submission means. */
    enum Outcome {
        /** The user's code ran and raised (or failed to compile): report it. */
        USER,
        /** The code did not run: it, or the guard around it, was damaged on the way. Send it again. */
        DAMAGED,
        /** The code did not run, for a reason sending again would not fix (no memory for it, Ctrl-C). */
        NOT_RUN
    }

    private SubmissionGuard() {
    }

    /**
     * @param code the user's code as UTF-8
     * @param defineHelper whether to define {@code __mg} first (first use, or after a reset)
     * @return the bytes to submit in place of {@code code}
     */
    static byte[] wrap(byte[] code, boolean defineHelper) {
        StringBuilder sb = new StringBuilder(code.length + code.length / 16 + 200);
        if (defineHelper) {
            byte[] def = HELPER_SOURCE.getBytes(StandardCharsets.US_ASCII);
            // The helper cannot check its own definition: a lambda of built-ins does, inline. On a mismatch
            // it gives exec None, whose TypeError has no <string> frame: nothing that crossed the line (a
            // message that could itself be damaged) decides that the definition did not run.
            // One tuple with the call: raw-paste compiles as bytes arrive, and a paste cut short (see
            // RawPasteSession) must not compile. A definition line on its own would: cut right after it,
            // the board would define the helper, run nothing, and answer as if the code had run.
            sb.append("(exec((lambda c:c if len(c)==").append(def.length).append(" and int.from_bytes(c,'little')%")
                    .append(MODULUS).append("==").append(hash(def)).append(" else None)(")
                    .append(PyLiterals.bytesLiteral(def, 0, def.length)).append(")),");
        }
        // Every proper prefix of this leaves a bracket open, so no cut-short submission compiles.
        // exec at the top, not inside __mg: one function and one exec fewer on the C stack, which on the
        // micro:bit is what execChecked's nested exec and print() need (else RuntimeError: maximum
        // recursion depth exceeded).
        sb.append("exec(").append(HELPER).append('(').append(PyLiterals.bytesLiteral(code, 0, code.length))
                .append(',').append(check(code)).append("))");
        if (defineHelper) {
            sb.append(')');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param code the user's code
     * @return the check {@code __mg} compares: the length and the hash folded into one number, so that
     *     a lost byte that leaves the number unchanged (a trailing zero) still fails it
     */
    static long check(byte[] code) {
        return (hash(code) + code.length) % MODULUS;
    }

    /**
     * @param data bytes
     * @return {@code int.from_bytes(data, 'little') % MODULUS}, as the board computes it
     */
    static long hash(byte[] data) {
        long h = 0;
        for (int i = data.length - 1; i >= 0; i--) {
            h = (h * 256 + (data[i] & 0xFF)) % MODULUS;
        }
        return h;
    }

    /**
     * @param expression a Python expression
     * @return code that prints the expression's {@code repr()} and, on the next line, the length and hash
     *     of that text's UTF-8, so that {@link #checkedAnswer} can tell an answer damaged on the way back
     */
    static String checkedEval(String expression) {
        // bytes(s,'utf8'), not s.encode(): MicroPython 1.9.2 (the micro:bit) has no str.encode.
        return "__mge=repr(" + expression + ")\nprint(__mge)\n__mge=bytes(__mge,'utf8')\nprint(len(__mge)," + HASHER
                + "(__mge))\ndel __mge";
    }

    /**
     * @param printed what the code of {@link #checkedEval} printed
     * @return the {@code repr()} text, when its length and hash match
     * @throws ReplyDamagedException when they do not: the answer was damaged on the way back
     */
    static String checkedAnswer(byte[] printed) throws ReplyDamagedException {
        String text = new String(printed, StandardCharsets.UTF_8);
        // Boards end lines with \r\n, the unix and wasm ports with \n.
        String body = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int nl = body.lastIndexOf('\n');
        if (nl > 0) {
            String[] check = body.substring(nl + 1).strip().split(" ");
            String answer = body.substring(0, body.charAt(nl - 1) == '\r' ? nl - 1 : nl);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            if (matches(check, bytes)) {
                return answer;
            }
        }
        throw new ReplyDamagedException("the answer to an eval was damaged on the way back (its length and hash do not"
                + " match what the board computed): " + org.mpysdk.core.AbstractTransport.printable(printed)
                + "; the expression ran once and was not sent again");
    }

    /** The byte that starts the line with the length and hash of what {@link #checkedExec} printed. */
    static final char OUTPUT_MARK = 0x15;

    /**
     * @param code the user's code
     * @return code that runs {@code code} with {@code print} counting what it prints, then prints a last
     *     line: {@link #OUTPUT_MARK}, the length and the hash of everything printed (UTF-8), also when the
     *     code raised. {@code print(..., file=f)} goes to the real print uncounted; output written another
     *     way ({@code sys.stdout.write}) is not counted, so the check then fails
     */
    static String checkedExec(String code) {
        byte[] c = code.getBytes(StandardCharsets.UTF_8);
        return "__mgo=print\n__mgc=[]\n"
                + "def print(*a,**k):\n"
                + " if 'file' in k:return __mgo(*a,**k)\n"
                // map, not a comprehension: a comprehension is one more frame, and the micro:bit's C stack
                // is nearly full here (exec in exec, then this function).
                + " s=k.get('sep',' ').join(map(str,a))+k.get('end','\\n')\n"
                + " __mgc.append(s)\n"
                + " __mgo(s,end='')\n"
                + "try:\n"
                + " exec(" + PyLiterals.bytesLiteral(c, 0, c.length) + ")\n"
                + "finally:\n"
                + " del print\n"
                + " __mgc=bytes(''.join(__mgc),'utf8')\n"
                + " __mgo('\\x15%d %d'%(len(__mgc)," + HASHER + "(__mgc)))\n"
                + " del __mgc,__mgo\n";
    }

    /**
     * @param printed what the code of {@link #checkedExec} printed
     * @return what the user's code printed, when it matches the length and hash the board computed
     * @throws ReplyDamagedException when it does not (damaged on the way back, or written other than by print)
     */
    static byte[] checkedOutput(byte[] printed) throws ReplyDamagedException {
        int mark = -1;
        for (int i = printed.length - 1; i >= 0; i--) {
            if (printed[i] == OUTPUT_MARK) {
                mark = i;
                break;
            }
        }
        if (mark >= 0) {
            byte[] out = java.util.Arrays.copyOf(printed, mark);
            String[] check = new String(printed, mark + 1, printed.length - mark - 1, StandardCharsets.US_ASCII).strip().split(" ");
            // print() wrote \n; a board's console turns it into \r\n on the way out.
            byte[] counted = new String(out, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            if (matches(check, counted)) {
                return out;
            }
        }
        throw new ReplyDamagedException("the output of a checked exec does not match the length and hash the board"
                + " computed (damaged on the way back, or written other than with print()): "
                + org.mpysdk.core.AbstractTransport.printable(printed) + "; the code ran once and was not sent again");
    }

    /** @return whether {@code check} is the board's "LENGTH HASH" of exactly {@code bytes} */
    private static boolean matches(String[] check, byte[] bytes) {
        return check.length == 2 && check[0].equals(Integer.toString(bytes.length))
                && check[1].equals(Long.toString(hash(bytes)));
    }

    /** @return 256^STEP modulo the prime: the weight of each next step of the hash */
    private static long stepWeight() {
        long w = 1;
        for (int i = 0; i < STEP; i++) {
            w = w * 256 % MODULUS;
        }
        return w;
    }

    /**
     * @param errorText the exception text the board printed after a guarded submission (not empty)
     * @return whether the user's code ran, or the submission must be sent again
     */
    static Outcome classify(String errorText) {
        String last = lastLine(errorText);
        if (last.endsWith(DAMAGED_MESSAGE)) {
            return Outcome.DAMAGED;
        }
        if (USER_FRAME.matcher(normalise(errorText)).find()) {
            return Outcome.USER;
        }
        if (last.startsWith("MemoryError") || last.startsWith("KeyboardInterrupt")) {
            return Outcome.NOT_RUN;
        }
        return Outcome.DAMAGED;
    }

    /**
     * @param errorText a traceback of the user's code as the board printed it
     * @return the traceback as the plain raw REPL would have printed it: without the guard's frame, and
     *     with {@code <string>} (the code inside the guard's {@code exec}) named {@code <stdin>}
     */
    static String userText(String errorText) {
        String s = GUARD_FRAME.matcher(normalise(errorText)).replaceFirst("");
        return s.replace("File \"<string>\"", "File \"<stdin>\"");
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n");
    }

    private static String lastLine(String text) {
        String s = normalise(text).strip();
        int nl = s.lastIndexOf('\n');
        return (nl < 0 ? s : s.substring(nl + 1)).strip();
    }
}
