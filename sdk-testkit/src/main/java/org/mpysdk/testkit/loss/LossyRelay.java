package org.mpysdk.testkit.loss;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import org.mpysdk.core.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lossy link as a TCP server, the way ser2net serves a serial port: a client connecting to
 * {@code socket://127.0.0.1:PORT} (the SDK, or any other tool) talks to the board behind it through a
 * {@link LossyTransport}, so its bytes are dropped and flipped as the profile says. One client at a
 * time; a new one is served after the previous one leaves.
 *
 * <pre>{@code
 * try (LossyRelay relay = LossyRelay.start(Transports.open(pty), LossProfile.oneIn(1000, 42));
 *      Board board = Board.open("socket://127.0.0.1:" + relay.port())) {
 *     board.repl().exec("print(1)");
 *     relay.link().counts();
 * }
 * }</pre>
 */
public final class LossyRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LossyRelay.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final LossyTransport link;
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile Socket client;

    private LossyRelay(LossyTransport link, ServerSocket server) {
        this.link = link;
        this.server = server;
        this.acceptor = new Thread(this::serve, "lossy-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * @param board the link to the board; closed with the relay
     * @param profile how the relay damages bytes
     * @return the relay, listening on a free port of 127.0.0.1
     * @throws IOException when no port can be opened
     */
    public static LossyRelay start(Transport board, LossProfile profile) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        LossyRelay r = new LossyRelay(new LossyTransport(Objects.requireNonNull(board, "board"), profile), s);
        r.acceptor.start();
        return r;
    }

    /** @return the TCP port to connect to */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the lossy link behind the port, for its counts and its switch */
    public LossyTransport link() {
        return link;
    }

    private void serve() {
        while (!closed) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                client = s;
                pump(s);
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("lossy relay on port {}: {}", port(), e.toString());
                }
            } finally {
                client = null;
            }
        }
    }

    /** Board to client on a second thread, client to board on this one, until either side ends. */
    private void pump(Socket s) throws IOException {
        OutputStream toClient = s.getOutputStream();
        Thread down = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                while (!closed && !s.isClosed()) {
                    int n = link.read(buf, 0, buf.length, POLL);
                    if (n > 0) {
                        toClient.write(buf, 0, n);
                        toClient.flush();
                    }
                }
            } catch (IOException e) {
                LOG.debug("lossy relay, board to client: {}", e.toString());
            } finally {
                closeQuietly(s);
            }
        }, "lossy-relay-down-" + port());
        down.setDaemon(true);
        down.start();
        InputStream fromClient = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = fromClient.read(buf)) > 0) {
                link.write(buf, 0, n);
                link.flush();
            }
        } finally {
            closeQuietly(s);
            try {
                down.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Stops listening, drops the client, and closes the link to the board. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the lossy relay's port: {}", e.toString());
        }
        Socket c = client;
        if (c != null) {
            closeQuietly(c);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
