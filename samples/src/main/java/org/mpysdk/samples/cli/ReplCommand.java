package org.mpysdk.samples.cli;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.mpysdk.core.Board;
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
        try (Board board = mpy.open(); RawTerminal raw = RawTerminal.enter()) {
            Transport t = board.transport();
            Thread printer = new Thread(() -> pump(t), "repl-output");
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

    private static void pump(Transport t) {
        byte[] buf = new byte[1024];
        try {
            while (true) {
                int n = t.read(buf, 0, buf.length, Duration.ofSeconds(1));
                if (n > 0) {
                    System.out.write(buf, 0, n);
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
