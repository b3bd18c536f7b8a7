package org.mpysdk.samples.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mpysdk.core.BaudRate;
import org.mpysdk.core.Board;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.webrepl.WebRepl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mpy}: the command line over the SDK's public API, for daily work instead of esptool + mpremote.
 *
 * <pre>
 * java -jar mpy.jar ports
 * java -jar mpy.jar --port /dev/ttyUSB0 flash --board ESP32_GENERIC
 * java -jar mpy.jar --port /dev/ttyUSB0 exec "print(1+1)"
 * </pre>
 */
@Command(name = "mpy", mixinStandardHelpOptions = true, version = "mpy 0.1.0",
        description = "Flash MicroPython onto ESP boards and work with them over serial or WebREPL.",
        subcommands = {PortsCommand.class, ChipInfoCommand.class, EraseCommand.class, FlashCommand.class,
            ExecCommand.class, RunCommand.class, ReplCommand.class, FilesCommands.Ls.class, FilesCommands.Cp.class,
            FilesCommands.Rm.class, FilesCommands.Mkdir.class, FilesCommands.Sync.class, WebReplSetupCommand.class,
            CatalogCommand.class, DemoCommand.class, MipCommand.class,
            WifiCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (message on stderr)", "2:bad command line",
            "3:a MicroPython exception on the board (exec, run)",
            "4:flash wrote everything but the loader could not verify it (ESP8266 ROM without the stub; "
                    + "--no-verify accepts that)"})
public final class Mpy implements Runnable {
    // The exit codes; docs/cli.md lists them too. 2 is picocli's own for a bad command line.
    /** The operation failed; the message is on stderr. */
    static final int EXIT_FAILED = 1;
    /** The code run on the board raised a MicroPython exception ({@code exec}, {@code run}). */
    static final int EXIT_REMOTE_ERROR = 3;
    /** {@code flash} wrote every region, but nothing verified them (the loader cannot compute MD5s). */
    static final int EXIT_NOT_VERIFIED = 4;

    @Option(names = {"-p", "--port"}, scope = ScopeType.INHERIT, paramLabel = "PORT",
            description = "board port: /dev/ttyUSB0, COM3, socket://host:port, rfc2217://host:port, "
                    + "ws://host:8266, virtual:esp32 (repeat for several boards); default: $MPY_PORT")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-b", "--baud"}, scope = ScopeType.INHERIT, description = "line rate to open the port with (default 115200)")
    int baud = BaudRate.DEFAULT;

    @Option(names = "--password", scope = ScopeType.INHERIT, description = "WebREPL password for ws:// ports")
    String password;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON for scripts (no progress output)")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "no progress output")
    boolean quiet;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * @param args the command line
     * @return the exit code, without exiting (for tests and embedding)
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Mpy());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + CliWording.of(e));
            if (e instanceof org.mpysdk.core.repl.BoardCodeException) {
                return EXIT_REMOTE_ERROR;
            }
            return e instanceof org.mpysdk.core.flash.FlashNotVerifiedException ? EXIT_NOT_VERIFIED : EXIT_FAILED;
        });
        return cli.execute(args);
    }

    /** @return the single port the command works on */
    String port() {
        if (ports.isEmpty()) {
            String env = System.getenv("MPY_PORT");
            if (env != null && !env.isBlank()) {
                return env;
            }
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "no port: give --port (see 'mpy ports') or set MPY_PORT");
        }
        if (ports.size() > 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "this command works on one board; got " + ports);
        }
        return ports.get(0);
    }

    /** Opens the board on {@link #port()}, with the baud rate and password given. */
    Board open() throws IOException {
        return open(port());
    }

    Board open(String port) throws IOException {
        List<BoardOption> options = new ArrayList<>();
        options.add(BaudRate.of(baud));
        if (password != null) {
            options.add(WebRepl.password(password));
        }
        return Board.open(port, options.toArray(new BoardOption[0])).onProgress(progress());
    }

    ProgressListener progress() {
        return ProgressPrinter.forConsole(quiet || json);
    }
}
