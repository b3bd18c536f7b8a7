package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server on 127.0.0.1 (ephemeral port) in front of a {@link VirtualEsp}: what a ser2net or
 * esp_rfc2217_server in raw mode would be for a real board. Each new connection replaces the previous
 * one. TCP has no baud rate and no control lines: the chip keeps its own rate for the line-rate pacing.
 *
 * <pre>{@code
 * try (VirtualEspServer server = esp.serveTcp()) {
 *     Board board = Board.open(server.uri());   // socket://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class VirtualEspServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualEspServer.class);

    private final VirtualEsp chip;
    private final ServerSocket server;
    private final Thread acceptor;

    VirtualEspServer(VirtualEsp chip) throws IOException {
        this.chip = chip;
        this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "virtual-" + chip.profile().key() + "-tcp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the TCP port */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code socket://127.0.0.1:PORT}, the port string for {@code Board.open} */
    public String uri() {
        return "socket://127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                chip.attach(new SocketEndpoint(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("virtual ESP server on port {}: {}", port(), e.toString());
                }
            } catch (IllegalStateException e) {
                return; // the chip is closed
            }
        }
    }

    /** Stops accepting; the connection being served is closed with the chip. */
    @Override
    public void close() throws IOException {
        server.close();
    }

    @Override
    public String toString() {
        return "VirtualEspServer[" + uri() + "]";
    }

    /** The chip's end of one TCP connection. */
    private static final class SocketEndpoint implements ByteEndpoint {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        SocketEndpoint(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            try {
                return in.read(buf, off, len);
            } catch (SocketTimeoutException e) {
                return 0;
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            out.flush();
        }

        @Override
        public String describe() {
            return "tcp-" + socket.getPort();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
