package org.mpysdk.samples.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.core.BaudRate;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.webrepl.WebRepl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
            WriteFlashCommand.class, ReadFlashCommand.class, EraseRegionCommand.class, ImageInfoCommand.class,
            MergeBinCommand.class, CatalogCommand.class, DemoCommand.class, MipCommand.class,
            FsInfoCommands.Df.class, FsInfoCommands.Tree.class, FsInfoCommands.Sha256sum.class,
            FsInfoCommands.Touch.class, FsInfoCommands.Cat.class, MountCommand.class,
            WifiCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (message on stderr; with --json a JSON object on stdout)",
            "2:bad command line (also: no command given)",
            "3:a MicroPython exception on the board (exec, run), or a board file that does not exist",
            "4:flash wrote everything but the loader could not verify it (ESP8266 ROM without the stub; "
                    + "--no-verify accepts that)"})
public final class Mpy implements Callable<Integer> {
    // The exit codes; docs/cli.md lists them too.
    /** The operation failed; the message is on stderr. */
    static final int EXIT_FAILED = 1;
    /** A bad command line, or none at all (picocli's own code for a parameter error). */
    static final int EXIT_USAGE = 2;
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

    @Spec
    CommandSpec spec;

    /** A bare {@code mpy} did nothing it was asked for: usage on stderr and the bad-command-line code, as git does. */
    @Override
    public Integer call() {
        return missingSubcommand(spec, json);
    }

    /**
     * What a command that needs a subcommand does without one ({@code mpy}, {@code mpy catalog}).
     *
     * @param spec the command that was given alone
     * @param json whether {@code --json} was given
     * @return {@link #EXIT_USAGE}
     */
    static int missingSubcommand(CommandSpec spec, boolean json) {
        if (json) {
            return ErrorReport.print(true, ErrorReport.USAGE, "no command given; see '" + spec.qualifiedName() + " --help'", EXIT_USAGE);
        }
        spec.commandLine().usage(System.err);
        return EXIT_USAGE;
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
        shareVersion(cli, cli.getCommandSpec().version());
        // Decided from the raw arguments: a command line too broken to parse still asked for JSON.
        boolean json = Arrays.asList(args).contains("--json");
        cli.setParameterExceptionHandler(new UsageError(json));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            int code = e instanceof org.mpysdk.core.repl.BoardCodeException ? EXIT_REMOTE_ERROR
                    : e instanceof org.mpysdk.core.flash.FlashNotVerifiedException ? EXIT_NOT_VERIFIED : EXIT_FAILED;
            return ErrorReport.print(json, e.getClass().getSimpleName(), CliWording.of(e), code);
        });
        return cli.execute(args);
    }

    /** Gives every subcommand the root's version, so that {@code mpy exec -V} prints it too. */
    private static void shareVersion(CommandLine cli, String[] version) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().version(version);
            shareVersion(sub, version);
        }
    }

    /** @return the single port the command works on */
    String port() {
        if (ports.isEmpty()) {
            String env = System.getenv("MPY_PORT");
            if (env != null && !env.isBlank()) {
                return env;
            }
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no port: give --port (see 'mpy ports') or set MPY_PORT");
        }
        if (ports.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "this command works on one board; got " + ports);
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
