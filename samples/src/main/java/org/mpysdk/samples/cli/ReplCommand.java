package org.mpysdk.samples.cli;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mpy repl}: an interactive terminal on the board's friendly REPL. Ctrl-] leaves; Ctrl-C goes to
 * the board (interrupting what runs there), because the local terminal is switched to raw mode while
 * the session lasts and restored afterwards.
 */
@Command(name = "repl", mixinStandardHelpOptions = true, description = "Interactive terminal to the board's REPL (Ctrl-] exits, Ctrl-C interrupts the board).")
final class ReplCommand implements Callable<Integer> {
    private static final int CTRL_RIGHT_BRACKET = 0x1D;

    @ParentCommand
    Mpy mpy;

    @Override
    public Integer call() throws Exception {
        try (Board board = mpy.open()) {
            return session(board.transport(), OutputFilter.NONE);
        }
    }

    /** What the terminal does with the board's bytes before printing them (a mounted folder takes its requests out). */
    interface OutputFilter {
        OutputFilter NONE = new OutputFilter() {
            @Override
            public byte[] apply(byte[] in, int off, int len) {
                return java.util.Arrays.copyOfRange(in, off, off + len);
            }

            @Override
            public byte[] idle() {
                return new byte[0];
            }
        };

        byte[] apply(byte[] in, int off, int len) throws java.io.IOException;

        byte[] idle() throws java.io.IOException;
    }

    /**
     * Runs a terminal on the link until Ctrl-] or the end of stdin.
     *
     * @return the exit code
     */
    static int session(Transport t, OutputFilter filter) throws Exception {
        try (RawTerminal raw = RawTerminal.enter()) {
            Thread printer = new Thread(() -> pump(t, filter), "repl-output");
            printer.setDaemon(true);
            printer.start();
            System.err.print("connected to " + t.name() + "; Ctrl-] to exit\r\n");
            t.write(new byte[] {'\r'});
            InputStream in = System.in;
            byte[] buf = new byte[256];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == CTRL_RIGHT_BRACKET) {
                        t.write(buf, 0, i);
                        return 0;
                    }
                    if (buf[i] == '\n') {
                        buf[i] = '\r';
                    }
                }
                t.write(buf, 0, n);
            }
        }
        return 0;
    }

    private static void pump(Transport t, OutputFilter filter) {
        byte[] buf = new byte[1024];
        try {
            while (true) {
                int n = t.read(buf, 0, buf.length, Duration.ofMillis(100));
                byte[] shown = n > 0 ? filter.apply(buf, 0, n) : filter.idle();
                if (shown.length > 0) {
                    System.out.write(shown, 0, shown.length);
                    System.out.flush();
                }
            }
        } catch (TransportClosedException e) {
            // the session ended
        } catch (Exception e) {
            System.err.println("\r\nlink lost: " + e.getMessage());
        }
    }
}
