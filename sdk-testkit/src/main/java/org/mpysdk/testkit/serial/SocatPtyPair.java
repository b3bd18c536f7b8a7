package org.mpysdk.testkit.serial;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two connected pseudo-terminals made by {@code socat}: what is written to one end is read from the
 * other, like a null-modem cable. Raw mode, no echo.
 *
 * <pre>{@code
 * try (SocatPtyPair pair = SocatPtyPair.start()) {
 *     Board a = Board.open(pair.first()); Board b = Board.open(pair.second());
 * }
 * }</pre>
 */
public final class SocatPtyPair implements AutoCloseable {
    private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

    private final ExternalProcess socat;
    private final String first;
    private final String second;

    private SocatPtyPair(ExternalProcess socat, String first, String second) {
        this.socat = socat;
        this.first = first;
        this.second = second;
    }

    /**
     * Starts socat and waits (at most 5 s) for both pty paths.
     *
     * @return the running pair; close it to stop socat
     * @throws IOException when socat cannot be started or does not report both ptys in time
     */
    public static SocatPtyPair start() throws IOException {
        ExternalProcess p = ExternalProcess.start(List.of("socat", "-d", "-d",
                "pty,raw,echo=0", "pty,raw,echo=0"));
        try {
            String a = ptyOf(p.awaitLine(l -> PTY.matcher(l).find(), Duration.ofSeconds(5)));
            String b = ptyOf(p.awaitLine(l -> PTY.matcher(l).find(), Duration.ofSeconds(5)));
            // socat prints "starting data transfer loop" once both ends are ready.
            p.awaitLine(l -> l.contains("starting data transfer loop"), Duration.ofSeconds(5));
            return new SocatPtyPair(p, a, b);
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static String ptyOf(String line) {
        Matcher m = PTY.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException(line);
        }
        return m.group(1);
    }

    /** @return the path of one end */
    public String first() {
        return first;
    }

    /** @return the path of the other end */
    public String second() {
        return second;
    }

    /** @return whether socat still runs */
    public boolean isAlive() {
        return socat.isAlive();
    }

    /** Stops socat; both ptys vanish and open transports on them see the link closed. */
    @Override
    public void close() {
        socat.close();
    }
}
