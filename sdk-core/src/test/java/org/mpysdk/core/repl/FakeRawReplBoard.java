package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Function;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.internal.PyLiterals;

/**
 * A small in-memory board speaking the raw REPL, for unit tests of the protocol only (the real
 * firmware is tested in sdk-testkit against QEMU). Code is "run" by a function from source to reply.
 */
class FakeRawReplBoard extends AbstractTransport {
    /** What running a piece of code produces. */
    record Reply(byte[] stdout, String error, long repeatStdout, boolean loopUntilCtrlC) {
        static Reply out(String s) {
            return new Reply(s.getBytes(StandardCharsets.ISO_8859_1), "", 1, false);
        }

        static Reply error(String printed, String traceback) {
            return new Reply(printed.getBytes(StandardCharsets.ISO_8859_1), traceback, 1, false);
        }
    }

    enum Paste { OLD_FIRMWARE, REFUSED, SUPPORTED, HANGS }

    private enum Mode { FRIENDLY, RAW, PASTE, RUNNING, HUNG }

    private static final String BANNER = "raw REPL; CTRL-B to exit\r\n>";
    private final Function<String, Reply> program;
    private final Paste paste;
    private final int window;
    private final ArrayDeque<byte[]> out = new ArrayDeque<>();
    private byte[] repeat;
    private long repeatsLeft;
    private String afterRepeat = "";
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Mode mode = Mode.FRIENDLY;
    private int windowLeft;
    private volatile boolean dropped;
    private final java.util.Set<Long> dropAt = new java.util.HashSet<>();
    private long written;
    /** When set, every guarded submission fails its check, as on a link that damages everything. */
    volatile boolean damageEveryGuardedSubmission;
    /** Whether code comes guarded (the SDK's default); when not, any code runs as it arrived. */
    volatile boolean expectGuard = true;
    /** The most bytes the SDK wrote in one go since this was last set to 0: how it paces plain code. */
    int largestWrite;
    int pasteRequests;
    /** Whether the next raw-paste window grant is lost on its way to the host. */
    volatile boolean loseNextGrant;
    int maxPasteOverrun;

    FakeRawReplBoard(Function<String, Reply> program, Paste paste, int window) {
        super("fake");
        this.program = program;
        this.paste = paste;
        this.window = window;
    }

    /** Makes the next read fail as if the cable were pulled. */
    void disconnect() {
        dropped = true;
    }

    @Override
    protected synchronized int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws TransportClosedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (out.isEmpty() && repeatsLeft == 0) {
            if (dropped) {
                throw new TransportClosedException("fake board unplugged");
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        if (dropped) {
            throw new TransportClosedException("fake board unplugged");
        }
        if (out.isEmpty()) {
            // Lazily generated output: gigabytes without holding them.
            int n = 0;
            while (n + repeat.length <= len && repeatsLeft > 0) {
                System.arraycopy(repeat, 0, buf, off + n, repeat.length);
                n += repeat.length;
                repeatsLeft--;
            }
            if (repeatsLeft == 0) {
                emit(afterRepeat);
            }
            return n;
        }
        byte[] head = out.poll();
        int n = Math.min(len, head.length);
        System.arraycopy(head, 0, buf, off, n);
        if (n < head.length) {
            out.addFirst(java.util.Arrays.copyOfRange(head, n, head.length));
        }
        return n;
    }

    @Override
    protected synchronized void writeRaw(byte[] data, int off, int len) {
        largestWrite = Math.max(largestWrite, len);
        for (int i = off; i < off + len; i++) {
            if (dropAt.remove(written++)) {
                continue; // lost on the way, as a busy board's full input buffer loses it
            }
            process(data[i]);
        }
        notifyAll();
    }

    /** Loses the bytes written at these offsets from now on (0 is the next byte written). */
    synchronized void loseWrittenBytes(long... offsetsFromNow) {
        for (long o : offsetsFromNow) {
            dropAt.add(written + o);
        }
    }

    @Override
    protected void closeRaw() {
    }

    private void emit(String s) {
        if (!s.isEmpty()) {
            out.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private void process(byte b) {
        switch (mode) {
            case FRIENDLY -> {
                if (b == 0x01) {
                    mode = Mode.RAW;
                    line.reset();
                    emit("\r\n" + BANNER);
                } else if (b == '\r' || b == 0x03) {
                    emit("\r\n>>> ");
                }
            }
            case RAW -> raw(b);
            case PASTE -> {
                if (b == 0x04) {
                    emit("\u0004");
                    run();
                    return;
                }
                line.write(b);
                if (--windowLeft < 0) {
                    maxPasteOverrun = Math.max(maxPasteOverrun, -windowLeft);
                }
                if (line.size() % window == 0) {
                    if (loseNextGrant) {
                        loseNextGrant = false; // lost on the way back: the board granted, the host never hears it
                    } else {
                        emit("\u0001");
                    }
                    windowLeft += window;
                }
            }
            case RUNNING -> {
                if (b == 0x03) {
                    mode = Mode.RAW;
                    emit("\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n\u0004>");
                }
            }
            case HUNG -> {
                if (b == 0x03) {
                    mode = Mode.RAW;
                    line.reset();
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void raw(byte b) {
        byte[] l = line.toByteArray();
        if (b == 0x01) {
            if (l.length == 2 && l[0] == 0x05 && paste != Paste.OLD_FIRMWARE) {
                pasteRequests++;
                line.reset();
                switch (paste) {
                    case SUPPORTED -> {
                        mode = Mode.PASTE;
                        windowLeft = 2 * window;
                        emit("R\u0001" + (char) (window & 0xFF) + (char) (window >> 8) + "\u0001");
                    }
                    case REFUSED -> emit("R\u0000>");
                    default -> mode = Mode.HUNG;
                }
                return;
            }
            line.reset();
            emit(BANNER);
        } else if (b == 0x02) {
            mode = Mode.FRIENDLY;
            emit("\r\nMicroPython fake\r\n>>> ");
        } else if (b == 0x03) {
            line.reset();
        } else if (b == 0x04) {
            emit("OK");
            if (l.length == 0) {
                emit("\r\nsoft reboot\r\n" + BANNER);
            } else {
                run();
            }
        } else {
            line.write(b);
        }
    }

    private void run() {
        String code = line.toString(StandardCharsets.UTF_8);
        line.reset();
        mode = Mode.RAW;
        Reply r;
        try {
            String inner = unguard(code);
            r = program.apply(inner);
            if (!inner.equals(code) && !r.error().isEmpty()) {
                // Inside the guard's exec the board names the code <string>, below the wrapper's frame.
                r = new Reply(r.stdout(), r.error().replace("File \"<stdin>\"", "File \"<string>\"")
                        .replace("Traceback (most recent call last):\r\n",
                                "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
),
                        r.repeatStdout(), r.loopUntilCtrlC());
            }
        } catch (NotGuarded e) {
            r = Reply.error("", e.getMessage());
        }
        if (r.loopUntilCtrlC()) {
            mode = Mode.RUNNING;
            return;
        }
        String tail = "\u0004" + r.error() + "\u0004>";
        if (r.repeatStdout() > 1) {
            repeat = r.stdout();
            repeatsLeft = r.repeatStdout();
            afterRepeat = tail;
            return;
        }
        if (r.stdout().length > 0) {
            out.add(r.stdout());
        }
        emit(tail);
    }

    private static final java.util.regex.Pattern HELPER_DEF = java.util.regex.Pattern.compile(
            "\\(exec\\(\\(lambda c:c if len\\(c\\)==(\\d+) and int.from_bytes\\(c,'little'\\)%1000000007==(\\d+) else None\\)\\((b'.*?')\\)\\),");
    private static final java.util.regex.Pattern GUARDED = java.util.regex.Pattern.compile(
            "exec\\(__mg\\((b'.*'),(\\d+)\\)\\)", java.util.regex.Pattern.DOTALL);

    /** Whether the guard's helper {@code __mg} has been defined, as a real board's globals would hold it. */
    boolean helperDefined;

    /** A guarded submission that fails its check; the message is the traceback a real board prints. */
    private static final class NotGuarded extends Exception {
        NotGuarded(String traceback) {
            super(traceback);
        }
    }

    /**
     * Checks a guarded submission as the board would, and returns the code inside it; code that is not
     * guarded (the SDK's REPL marker) is returned as it is.
     */
    private String unguard(String code) throws NotGuarded {
        java.util.regex.Matcher def = HELPER_DEF.matcher(code);
        if (def.lookingAt()) {
            byte[] src = literal(def.group(3));
            if (src.length != Integer.parseInt(def.group(1)) || SubmissionGuard.hash(src) != Long.parseLong(def.group(2))) {
                throw new NotGuarded("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                        + "TypeError: exec() arg 1 must be a string, bytes or code object\r\n");
            }
            helperDefined = true;
            code = code.substring(def.end());
            // The definition and the call are one tuple: drop its closing bracket.
            code = code.endsWith(")))") ? code.substring(0, code.length() - 1) : code;
        }
        java.util.regex.Matcher m = GUARDED.matcher(code);
        if (!m.matches()) {
            // Apart from the SDK's own REPL marker, a guarding SDK sends nothing else: what does not match is
            // a damaged wrapper, which a board fails to compile or run before any user code.
            if (expectGuard && !code.startsWith("print('SDK'+'")) {
                throw new NotGuarded("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n");
            }
            return code;
        }
        if (!helperDefined) {
            throw new NotGuarded("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                    + "NameError: name '__mg' isn't defined\r\n");
        }
        byte[] inner = literal(m.group(1));
        if (damageEveryGuardedSubmission || SubmissionGuard.check(inner) != Long.parseLong(m.group(2))) {
            throw new NotGuarded(damaged("<string>"));
        }
        return new String(inner, StandardCharsets.UTF_8);
    }

    private static byte[] literal(String text) throws NotGuarded {
        try {
            return PyLiterals.parse(text);
        } catch (java.text.ParseException e) {
            throw new NotGuarded("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n");
        }
    }

    private static String damaged(String file) {
        return "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n  File \"" + file
                + "\", line 6, in __mg\r\nValueError: " + SubmissionGuard.DAMAGED_MESSAGE + "\r\n";
    }
}
