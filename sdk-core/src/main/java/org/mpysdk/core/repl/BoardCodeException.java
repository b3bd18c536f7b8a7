package org.mpysdk.core.repl;

import org.mpysdk.core.BoardException;

/**
 * Code run on the board raised an exception. Carries the parsed traceback and whatever the code
 * printed before it failed. (Named for what it is, not {@code RemoteException}: that name is also
 * {@code java.rmi.RemoteException}, which an IDE's import can pick and which then catches nothing.)
 *
 * <pre>{@code
 * try {
 *     repl.exec("1/0");
 * } catch (BoardCodeException e) {
 *     e.type();    // "ZeroDivisionError"
 *     e.line();    // 1
 * }
 * }</pre>
 */
public class BoardCodeException extends BoardException {
    /** The board's traceback, parsed. */
    private final Traceback traceback;
    /** What the code printed before it failed. */
    private final String stdout;

    /**
     * @param traceback the parsed traceback
     * @param stdout what the code printed before failing
     */
    public BoardCodeException(Traceback traceback, String stdout) {
        super(describe(traceback));
        this.traceback = traceback;
        this.stdout = stdout;
    }

    private static String describe(Traceback t) {
        String where = t.file() == null ? "" : " (" + t.file() + ", line " + t.line() + ")";
        return "the board raised " + t.type() + (t.message().isEmpty() ? "" : ": " + t.message()) + where;
    }

    /** @return the exception class on the board, for example {@code "OSError"} */
    public String type() {
        return traceback.type();
    }

    /** @return the exception's message on the board, possibly empty */
    public String remoteMessage() {
        return traceback.message();
    }

    /** @return the innermost file in the traceback ({@code "<stdin>"} for exec'd code), or {@code null} */
    public String file() {
        return traceback.file();
    }

    /** @return the line in {@link #file()}, or -1 */
    public int line() {
        return traceback.line();
    }

    /** @return the errno of an OSError, or -1; see {@link Traceback#errno()} */
    public int errno() {
        return traceback.errno();
    }

    /** @return the whole parsed traceback */
    public Traceback traceback() {
        return traceback;
    }

    /** @return what the code printed before the exception */
    public String stdout() {
        return stdout;
    }
}
