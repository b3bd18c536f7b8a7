package org.mpysdk.samples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.mpysdk.Board;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WifiConnection;
import org.mpysdk.webrepl.WifiCredentials;
import org.mpysdk.webrepl.WifiOptions;
import org.mpysdk.webrepl.WifiStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mpy wifi connect} and {@code mpy wifi status}: the board on the user's network over serial, the
 * step before {@code mpy -p ws://IP:8266}. The Wi-Fi password is taken from an environment variable or
 * stdin, never from the command line, where {@code ps} and the shell's history would show it.
 */
@Command(name = "wifi", mixinStandardHelpOptions = true,
        description = "Put the board on Wi-Fi (station mode, over serial) or show its Wi-Fi state.",
        subcommands = {WifiCommand.Connect.class, WifiCommand.Status.class})
final class WifiCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Mpy.missingSubcommand(spec, mpy.json);
    }

    /** {@code mpy wifi connect --ssid NAME ...}. */
    @Command(name = "connect", mixinStandardHelpOptions = true, description = "Join a Wi-Fi network and print the board's address and WebREPL URL.")
    static final class Connect implements Callable<Integer> {
        @ParentCommand
        WifiCommand wifi;

        @Option(names = "--ssid", required = true, paramLabel = "NAME", description = "the network's name (1-32 bytes)")
        String ssid;

        static final class PasswordSource {
            @Option(names = "--password-env", paramLabel = "VAR", description = "read the Wi-Fi password from this environment variable")
            String env;

            @Option(names = "--password-stdin", description = "read the Wi-Fi password from the first line of stdin")
            boolean stdin;
        }

        @ArgGroup(exclusive = true)
        PasswordSource password;

        @Option(names = "--webrepl", paramLabel = "PASSWORD", description = "also enable and start WebREPL with this password (4-9 characters)")
        String webRepl;

        @Option(names = "--timeout", paramLabel = "S", description = "seconds to wait for an address (default 20)")
        long timeoutSeconds = 20;

        @Override
        public Integer call() throws Exception {
            WifiCredentials network = credentials(System::getenv, System.in);
            WifiOptions options = options();
            try (Board board = wifi.mpy.open()) {
                print(WebRepl.wifi(board).connect(network, options), System.out);
            }
            return 0;
        }

        /** @return the network to join; without a password source, an open network */
        WifiCredentials credentials(UnaryOperator<String> env, InputStream stdin) throws IOException {
            String pw = "";
            if (password != null && password.env != null) {
                pw = env.apply(password.env);
                if (pw == null) {
                    throw new IllegalArgumentException("environment variable " + password.env + " is not set; export it"
                            + " with the Wi-Fi password, or use --password-stdin");
                }
            } else if (password != null && password.stdin) {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                pw = line == null ? "" : line;
            }
            return WifiCredentials.of(ssid, pw);
        }

        WifiOptions options() {
            WifiOptions o = WifiOptions.DEFAULTS.withTimeout(Duration.ofSeconds(timeoutSeconds));
            return webRepl == null ? o : o.withWebRepl(webRepl);
        }

        /** Prints the result: JSON with {@code --json}, else two lines and the command to use next. */
        void print(WifiConnection c, PrintStream out) throws IOException {
            if (wifi.mpy.json) {
                Output.json(connectionJson(c));
                return;
            }
            out.println("connected to '" + ssid + "': " + c.ip() + " (netmask " + c.netmask() + ", gateway " + c.gateway()
                    + ", dns " + c.dns() + ")");
            out.println("WebREPL: " + c.webReplUri() + (webRepl == null ? " (if WebREPL runs; --webrepl PASSWORD enables it)"
                    : "\nnext: mpy -p " + c.webReplUri() + " --password PASSWORD repl"));
        }
    }

    /** {@code mpy wifi status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the board's station interface is on a network, and its address.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        WifiCommand wifi;

        @Override
        public Integer call() throws Exception {
            try (Board board = wifi.mpy.open()) {
                WifiStatus s = WebRepl.wifi(board).status();
                if (wifi.mpy.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("active", s.active());
                    m.put("status", s.statusCode());
                    m.put("connected", s.connected());
                    s.connection().ifPresent(c -> m.putAll(connectionJson(c)));
                    Output.json(m);
                } else {
                    System.out.println(s.connection().map(c -> "connected: " + c.ip() + ", WebREPL " + c.webReplUri())
                            .orElse(s.active() ? "not connected (WLAN.status() " + s.statusCode() + ")" : "station interface inactive"));
                }
            }
            return 0;
        }
    }

    static Map<String, Object> connectionJson(WifiConnection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", c.ip());
        m.put("netmask", c.netmask());
        m.put("gateway", c.gateway());
        m.put("dns", c.dns());
        m.put("webrepl", c.webReplUri().toString());
        return m;
    }
}
