package org.mpysdk.core.repl;

import java.io.IOException;
import java.time.Duration;
import org.mpysdk.core.internal.PyLiterals;

/**
 * What the filesystem classes share: the checks of board paths against the firmware, the number
 * parsing of the board's answers, and the small pieces of Python they all send.
 */
final class FsCode {
    /** {@code os.stat} mode bits of a folder. */
    static final int DIR_BIT = 0x4000;
    /** The mode reported for a file where the firmware has no {@code os.stat} (the micro:bit). */
    static final int FILE_MODE = 0x8000;

    private FsCode() {
    }

    /** Runs filesystem code, mapping the board's ENOENT for {@code path} to {@link RemoteFileNotFoundException}. */
    static ExecResult execFs(Repl repl, String code, String path) throws IOException {
        try {
            return repl.exec(code);
        } catch (BoardCodeException e) {
            throw RemoteFileNotFoundException.ifMissing(e, path);
        }
    }

    /**
     * @return the time allowed for an exec that moves {@code bytes} of file content: the exec timeout plus
     *     the line time of the encoded data (base64 or hex, at most twice the content; see
     *     {@link Repl#lineAllowance}), never less than at 10 KB/s. Before, a fixed 10 KB/s cut off a 600 KB
     *     get at 115200, where base64 moves about 8.6 KB/s
     */
    static Duration transferTimeout(Repl repl, long bytes) {
        Duration byLine = repl.lineAllowance(2 * Math.max(0, bytes));
        Duration floor = Duration.ofMillis(Math.max(0, bytes) / 10);
        return repl.options().execTimeout().plus(byLine.compareTo(floor) > 0 ? byLine : floor);
    }

    /**
     * @param from a Python string literal naming the source file
     * @param to a Python string literal naming the target file
     * @return Python that copies one board file onto another on the board (for firmware without
     *     {@code os.rename}), in small blocks for a small heap
     */
    static String copyOnBoard(String from, String to) {
        return "__ms=open(" + from + ",'rb')\n__md=open(" + to + ",'wb')\nwhile 1:\n __mb=__ms.read(128)\n"
                + " if not __mb:break\n __md.write(__mb)\n__ms.close()\n__md.close()\ndel __ms,__md,__mb\n";
    }

    /** @return the path checked, in the firmware's form (no leading slash on a flat filesystem) */
    static String normal(String path, FirmwareFeatures f) throws InvalidRemotePathException {
        String p = RemotePaths.check(path);
        if (!f.directories() && p.startsWith("/") && p.length() > 1) {
            // The micro:bit has one flat namespace: "/main.py" means "main.py".
            p = p.substring(1);
        }
        return p;
    }

    static boolean isRoot(String p) {
        return p.isEmpty() || p.equals("/");
    }

    static void requireRoot(String d, String what) throws UnsupportedRemoteOperationException {
        if (!isRoot(d)) {
            throw new UnsupportedRemoteOperationException("cannot " + what + " folder " + d
                    + ": the board's filesystem is flat (no folders); use \"/\"");
        }
    }

    static String py(String s) {
        return PyLiterals.stringLiteral(s);
    }

    static long parseLong(String s, String context) throws ReplProtocolException {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new ReplProtocolException("expected a number from the board for " + context + " but got '" + s + "'");
        }
    }
}
