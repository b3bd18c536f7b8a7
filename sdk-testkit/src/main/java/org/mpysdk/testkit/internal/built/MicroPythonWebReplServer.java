package org.mpysdk.testkit.internal.built;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MicroPython's own WebREPL server (its C {@code _webrepl} and {@code websocket} modules and
 * micropython-lib's {@code webrepl.py}, on the unix port), started with {@code mp-webrepl-server} on a
 * free loopback port. A soft reset on the board restarts its process (the script's supervisor does that);
 * {@link #close()} stops both.
 *
 * <pre>{@code
 * Path script = BuiltPeers.require(BuiltPeers.webReplServerScript(), BuiltPeers.WEBREPL_SERVER_HINT);
 * try (MicroPythonWebReplServer server = MicroPythonWebReplServer.start(script, "pw1234");
 *      Board board = Board.open(server.uri(), WebRepl.password("pw1234"))) { ... }
 * }</pre>
 */
public final class MicroPythonWebReplServer implements AutoCloseable {
    private static final Pattern PID = Pattern.compile("PID=(\\d+)");

    private final long pid;
    private final int port;
    private final String password;
    private final Path root;

    private MicroPythonWebReplServer(long pid, int port, String password, Path root) {
        this.pid = pid;
        this.port = port;
        this.password = password;
        this.root = root;
    }

    /**
     * Starts the server (output as boards send it: {@code \n} becomes {@code \r\n}).
     *
     * @param script the {@code mp-webrepl-server} script ({@link BuiltPeers#webReplServerScript()})
     * @param password the WebREPL password, 1 to 9 characters
     * @return the running server, listening
     * @throws IOException when it does not start listening (the script's message is included)
     */
    public static MicroPythonWebReplServer start(Path script, String password) throws IOException {
        return start(script, password, Map.of());
    }

    /**
     * Starts the server with extra environment ({@code MP_WEBREPL_CRLF=0} sends output unchanged).
     *
     * @param script the {@code mp-webrepl-server} script
     * @param password the WebREPL password, 1 to 9 characters
     * @param environment extra variables for the script
     * @return the running server, listening
     * @throws IOException when it does not start listening (the script's message is included)
     */
    public static MicroPythonWebReplServer start(Path script, String password, Map<String, String> environment)
            throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(script.toString(), String.valueOf(port), password).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mp-webrepl-server did not return within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while starting mp-webrepl-server", e);
        }
        Matcher m = PID.matcher(out);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IOException("mp-webrepl-server " + port + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return new MicroPythonWebReplServer(Long.parseLong(m.group(1)), port, password, BuiltPeers.root()
                .resolve("run/webrepl-fs-" + port));
    }

    /** @return {@code ws://127.0.0.1:PORT} */
    public String uri() {
        return "ws://127.0.0.1:" + port;
    }

    /** @return the TCP port */
    public int port() {
        return port;
    }

    /** @return the password the server was started with */
    public String password() {
        return password;
    }

    /** @return the host folder that is the board's {@code /} */
    public Path root() {
        return root;
    }

    /** Stops the supervisor and the interpreter (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }
}
