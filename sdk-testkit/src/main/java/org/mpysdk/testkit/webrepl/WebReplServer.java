package org.mpysdk.testkit.webrepl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebREPL server for tests: the board side of MicroPython's WebREPL ({@code webrepl.py},
 * {@code modwebrepl.c}, {@code modwebsocket.c}) on a loopback port, written on plain {@code java.net}
 * sockets so that it can put any bytes into text frames, as the board does.
 *
 * <ul>
 *   <li>Password prompt {@code "Password: "}; up to 10 typed characters are compared; {@code Access denied}
 *       drops the connection.</li>
 *   <li>Text frames carry the terminal: the payload goes to {@link Builder#terminal(Transport)}, and whatever
 *       the terminal prints comes back in text frames, byte for byte (no UTF-8 checks).</li>
 *   <li>Binary frames carry the file protocol (put, get, version) on files under {@link #root()}; a
 *       missing file or folder drops the connection, as on the board.</li>
 *   <li>One session at a time: a second client gets the WebSocket upgrade and is then dropped.</li>
 * </ul>
 *
 * <pre>{@code
 * try (WebReplServer server = WebReplServer.builder().password("s3cret").terminal(qemuTransport).start();
 *      Board board = Board.open(server.uri(), WebRepl.password("s3cret"))) {
 *     board.repl().exec("print(1)");
 * }
 * }</pre>
 */
public final class WebReplServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebReplServer.class);
    private static final byte[] PROMPT = "Password: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTED = "\r\nWebREPL connected\r\n>>> ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DENIED = "\r\nAccess denied\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final byte[] password;
    private final Transport terminal;
    private final Path root;
    private final int[] version;
    private final Faults faults = new Faults();
    private final AtomicReference<Session> active = new AtomicReference<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger largestTextFrame = new AtomicInteger();
    private final AtomicLong textBytes = new AtomicLong();
    private final AtomicInteger pings = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private WebReplServer(Builder b) throws IOException {
        this.password = b.password.getBytes(StandardCharsets.UTF_8);
        this.terminal = Objects.requireNonNull(b.terminal, "terminal");
        this.root = (b.root != null ? b.root : Files.createTempDirectory("webrepl-server")).toAbsolutePath().normalize();
        this.version = b.version.clone();
        this.listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "webrepl-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a builder; password and terminal are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link WebReplServer}. */
    public static final class Builder {
        private String password;
        private Transport terminal;
        private Path root;
        private int[] version = {1, 24, 1};

        private Builder() {
        }

        /**
         * @param password the board's PASS (compared as the board does: first 10 typed characters)
         * @return this builder
         * @throws NullPointerException when {@code password} is null
         */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /**
         * @param terminal the board's REPL: a QEMU pty transport, a virtual MicroPython or a
         *     {@link PipeTerminal}; not closed by the server
         * @return this builder
         */
        public Builder terminal(Transport terminal) {
            this.terminal = terminal;
            return this;
        }

        /**
         * @param root the folder that holds the board's files (default: a new temporary folder)
         * @return this builder
         */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /**
         * Sets the version the server reports to a version request.
         *
         * @param major major number
         * @param minor minor number
         * @param micro micro (patch) number
         * @return this builder
         */
        public Builder version(int major, int minor, int micro) {
            this.version = new int[] {major, minor, micro};
            return this;
        }

        /**
         * Binds a loopback port and starts serving.
         *
         * @return the running server; close it when done
         * @throws NullPointerException when no password was set
         * @throws IOException when the port cannot be bound
         */
        public WebReplServer start() throws IOException {
            Objects.requireNonNull(password, "password");
            return new WebReplServer(this);
        }
    }

    /** Faults to inject into the next file transfer. */
    public static final class Faults {
        private final AtomicLong dropAfter = new AtomicLong(-1);

        /** No faults until one is asked for. */
        public Faults() {
        }

        /**
         * The next put or get drops the connection once {@code bytes} of file data have moved (one shot).
         *
         * @param bytes file bytes to let through; the drop comes after the first chunk that reaches this
         *     count, so 0 drops after the first chunk
         */
        public void dropTransferAfter(long bytes) {
            dropAfter.set(bytes);
        }

        void checkTransfer(long transferred) throws BoardFileProtocol.SessionDrop {
            long at = dropAfter.get();
            if (at >= 0 && transferred >= at && dropAfter.compareAndSet(at, -1)) {
                throw new BoardFileProtocol.SessionDrop("fault injected: connection dropped after " + transferred + " bytes");
            }
        }
    }

    /** @return {@code ws://127.0.0.1:PORT} */
    public String uri() {
        return "ws://127.0.0.1:" + listener.getLocalPort();
    }

    /** @return the TCP port */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return the folder holding the board's files */
    public Path root() {
        return root;
    }

    /** @return the fault switches */
    public Faults faults() {
        return faults;
    }

    /** @return how many clients got past the password */
    public int sessionsServed() {
        return sessions.get();
    }

    /** @return how many clients were dropped because another session was active */
    public int sessionsRejected() {
        return rejected.get();
    }

    /** @return the largest text frame a client sent after login, in bytes */
    public int largestTextFrame() {
        return largestTextFrame.get();
    }

    /** @return all REPL input bytes received in text frames after login */
    public long textBytesReceived() {
        return textBytes.get();
    }

    /**
     * @return how many ping frames clients sent (the board never answers one, and a ping's payload
     *     corrupts the next file operation, so a good client sends none)
     */
    public int pingsReceived() {
        return pings.get();
    }

    /** @return whether a client is connected now */
    public boolean hasSession() {
        return active.get() != null;
    }

    /**
     * Waits until no client is connected (the board has seen a client's close or drop).
     *
     * @param timeout how long to wait
     * @return whether the slot became free in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitNoSession(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (active) {
            while (active.get() != null) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                active.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Drops the current session's TCP connection without a close frame (a board reset, Wi-Fi lost). */
    public void dropSession() {
        Session s = active.get();
        if (s != null) {
            s.ws.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        dropSession();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> serve(s), "webrepl-session-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (ServerWebSocket ws = new ServerWebSocket(s, pings)) {
            s.setTcpNoDelay(true);
            if (ws.handshake() != ServerWebSocket.Upgrade.WEBSOCKET) {
                return;
            }
            Session session = new Session(ws);
            if (!active.compareAndSet(null, session)) {
                // webrepl.py: "Concurrent WebREPL connection ... rejected", then cl.close().
                rejected.incrementAndGet();
                return;
            }
            try {
                session.run();
            } finally {
                synchronized (active) {
                    active.compareAndSet(session, null);
                    active.notifyAll();
                }
            }
        } catch (IOException e) {
            LOG.debug("WebREPL session ended: {}", e.toString());
        }
    }

    /** One client after the upgrade. */
    private final class Session {
        private final ServerWebSocket ws;
        private final BoardFileProtocol files;
        private volatile boolean alive = true;

        Session(ServerWebSocket ws) {
            this.ws = ws;
            this.files = new BoardFileProtocol(root, version, data -> ws.send(ServerWebSocket.BINARY, data, 0, data.length), faults);
        }

        void run() throws IOException {
            Thread pump = null;
            try {
                ws.send(ServerWebSocket.TEXT, PROMPT, 0, PROMPT.length);
                byte[] typed = new byte[10];
                int typedLen = 0;
                boolean loggedIn = false;
                while (true) {
                    ServerWebSocket.Frame f = ws.read();
                    if (f == null) {
                        return;
                    }
                    byte[] p = f.payload();
                    int i = 0;
                    while (!loggedIn && i < p.length) {
                        byte c = p[i++];
                        if (c == '\r' || c == '\n') {
                            if (!Arrays.equals(Arrays.copyOf(typed, typedLen), password)) {
                                ws.send(ServerWebSocket.TEXT, DENIED, 0, DENIED.length);
                                return;
                            }
                            loggedIn = true;
                            sessions.incrementAndGet();
                            ws.send(ServerWebSocket.TEXT, CONNECTED, 0, CONNECTED.length);
                            pump = startPump();
                        } else if (typedLen < typed.length) {
                            typed[typedLen++] = c;
                        }
                    }
                    if (!loggedIn || i == p.length) {
                        continue;
                    }
                    byte[] rest = i == 0 ? p : Arrays.copyOfRange(p, i, p.length);
                    if (f.opcode() == ServerWebSocket.TEXT) {
                        largestTextFrame.accumulateAndGet(rest.length, Math::max);
                        textBytes.addAndGet(rest.length);
                        terminal.write(rest);
                    } else {
                        try {
                            files.feed(rest);
                        } catch (BoardFileProtocol.SessionDrop e) {
                            LOG.debug("WebREPL file operation failed, dropping the session as the board does: {}", e.getMessage());
                            return;
                        }
                    }
                }
            } finally {
                alive = false;
                files.close();
                ws.close();
                if (pump != null) {
                    try {
                        // The pump notices within one 50 ms read; a next session must not share the terminal with it.
                        pump.join(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        private Thread startPump() {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[1024];
                try {
                    while (alive) {
                        int n = terminal.read(buf, 0, buf.length, Duration.ofMillis(50));
                        if (n > 0 && alive) {
                            ws.send(ServerWebSocket.TEXT, buf, 0, n);
                        }
                    }
                } catch (TransportClosedException e) {
                    LOG.debug("terminal closed: {}", e.getMessage());
                    ws.close();
                } catch (IOException e) {
                    LOG.debug("WebREPL terminal pump stopped: {}", e.toString());
                    ws.close();
                }
            }, "webrepl-terminal-pump");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
