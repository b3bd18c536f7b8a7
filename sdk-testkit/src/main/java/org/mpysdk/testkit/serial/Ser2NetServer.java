package org.mpysdk.testkit.serial;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * ser2net serving a local serial device (usually one end of a {@link SocatPtyPair}) as RFC 2217 on
 * 127.0.0.1, the way users expose a board attached to another machine.
 */
public final class Ser2NetServer implements AutoCloseable {
    private final ExternalProcess process;
    private final Path config;
    private final int port;

    private Ser2NetServer(ExternalProcess process, Path config, int port) {
        this.process = process;
        this.config = config;
        this.port = port;
    }

    /**
     * @param device the serial device to serve
     * @return a running server, once it accepts connections (waits at most 5 s)
     * @throws IOException when ser2net cannot be started or does not accept connections in time
     */
    public static Ser2NetServer serveRfc2217(String device) throws IOException {
        int port = freePort();
        Path config = Files.createTempFile("ser2net-", ".yaml");
        Files.writeString(config, String.join("\n",
                "connection: &board",
                "  accepter: telnet(rfc2217),tcp,127.0.0.1," + port,
                "  connector: serialdev," + device + ",115200n81,local",
                "  options:",
                "    kickolduser: true",
                "    chardelay: false",
                ""));
        ExternalProcess p = ExternalProcess.start(List.of("ser2net", "-n", "-d", "-c", config.toString()));
        Ser2NetServer server = new Ser2NetServer(p, config, port);
        try {
            server.awaitListening(Duration.ofSeconds(5));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitListening(Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("ser2net exited at start; config " + config);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        throw new IOException("ser2net did not listen on port " + port + " within " + timeout.toMillis() + " ms");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return the port string to open, {@code rfc2217://127.0.0.1:PORT} */
    public String url() {
        return "rfc2217://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
        try {
            Files.deleteIfExists(config);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
