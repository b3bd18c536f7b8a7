package org.mpysdk.webrepl;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket session with a board: the OkHttp socket, the board's bytes sorted into terminal and
 * file streams, and how the session ended. {@link WebReplTransport} replaces it when it reconnects.
 */
final class WebReplConnection {
    /** Unread bytes per stream before the reader thread waits (back-pressure to the board). */
    static final long INBOUND_CAPACITY = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebReplConnection.class);
    /** The empty close frame (masked, as a client must), the only close the board ends a session on. */
    private static final byte[] EMPTY_CLOSE = {(byte) 0x88, (byte) 0x80, 0, 0, 0, 0};

    /** How a session ended. */
    enum Ending {
        /** Still open. */
        OPEN,
        /** The board closed the TCP connection or answered our close (orderly). */
        BY_BOARD,
        /** The connection broke (reset, timeout, I/O error). */
        BROKEN,
        /** This side closed it. */
        BY_US
    }

    private final String name;
    private final OkHttpClient client;
    private final FrameKindTap tap;
    private final InboundBytes terminal;
    private final InboundBytes fileBytes;
    private final CompletableFuture<Response> opened = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final WebReplTimeouts timeouts;
    private volatile Ending ending = Ending.OPEN;
    /** Set once this side has sent its close frame: the board's close frame is then only an answer. */
    private volatile boolean closing;
    private final CountDownLatch closeAnswered = new CountDownLatch(1);
    private volatile WebSocket socket;

    private WebReplConnection(String name, OkHttpClient client, FrameKindTap tap, WebReplTimeouts timeouts) {
        this.name = name;
        this.client = client;
        this.tap = tap;
        this.timeouts = timeouts;
        this.terminal = new InboundBytes(name, INBOUND_CAPACITY);
        this.fileBytes = new InboundBytes(name, INBOUND_CAPACITY);
    }

    /**
     * Connects and completes the WebSocket upgrade (no login yet).
     *
     * @param name the address, for messages
     * @param url the http(s) form of the address
     * @param retype whether text frames are read as bytes (plain sockets only)
     * @param timeouts connect, reply and close limits
     * @return the open connection
     * @throws IOException a typed {@link TransportException} when it cannot be opened
     */
    static WebReplConnection open(String name, HttpUrl url, boolean retype, WebReplTimeouts timeouts) throws IOException {
        FrameKindTap tap = new FrameKindTap(retype);
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (!url.isHttps()) {
            // Plain ws://: no TLS, so OkHttp need not load the platform's trust store (a few hundred ms
            // of a cold start, measured in the login-to-first-exec time).
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        OkHttpClient client = builder
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.reply())
                .writeTimeout(timeouts.reply())
                // The board never answers a ping, and a ping with a payload corrupts its next file operation
                // (the payload is read as file data): OkHttp must send none.
                .pingInterval(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .socketFactory(tap)
                .build();
        WebReplConnection c = new WebReplConnection(name, client, tap, timeouts);
        try {
            c.upgrade(url);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void upgrade(HttpUrl url) throws IOException {
        socket = client.newWebSocket(new Request.Builder().url(url).build(), new Listener());
        long waitMillis = timeouts.connect().toMillis() + 1000;
        try {
            opened.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperationTimeoutException("no WebSocket answer from " + name + " within " + waitMillis
                    + " ms; check the address, that you are on the board's network, and that WebREPL is started"
                    + " (import webrepl; webrepl.start())", timeouts.connect());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportClosedException(name + ": interrupted while connecting", e);
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause());
        }
    }

    private TransportException connectFailure(Throwable t) {
        if (t instanceof UnknownHostException) {
            return new PortNotFoundException("unknown host in " + name + "; check the name or use the board's IP address"
                    + " (192.168.4.1 on its own access point)");
        }
        if (t instanceof ConnectException) {
            return new PortNotFoundException("nothing listens at " + name + " (" + t.getMessage() + "); start WebREPL on"
                    + " the board (webrepl.start(), or WebReplSetup.enable over serial) and check the port (8266)");
        }
        if (t instanceof SocketTimeoutException) {
            return new TransportException("no answer from " + name + " within " + timeouts.connect().toMillis()
                    + " ms; check the address, the Wi-Fi network and any firewall", t);
        }
        if (t instanceof ProtocolException) {
            return new TransportException(name + " did not switch to WebSocket (" + t.getMessage() + "); is this a"
                    + " MicroPython WebREPL port? It is usually 8266", t);
        }
        return new TransportException("could not open " + name + ": " + t, t);
    }

    /** @return the board's terminal output */
    InboundBytes terminal() {
        return terminal;
    }

    /** @return the board's binary (file protocol) replies */
    InboundBytes fileBytes() {
        return fileBytes;
    }

    /** @return whether text frames reach the reader byte for byte */
    boolean byteExact() {
        return tap.retypes();
    }

    /** @return how this session ended so far */
    Ending ending() {
        return ending;
    }

    /** @return bytes queued in OkHttp, not yet written to the socket */
    long queueSize() {
        WebSocket ws = socket;
        return ws == null ? 0 : ws.queueSize();
    }

    /** @return unread bytes held for the reader (terminal and file streams) */
    long buffered() {
        return terminal.available() + fileBytes.available();
    }

    /** @return false when the session is closing or closed */
    boolean sendText(String text) {
        return socket.send(text);
    }

    /** @return false when the session is closing or closed */
    boolean sendBinary(byte[] data, int off, int len) {
        return socket.send(ByteString.of(data, off, len));
    }

    /**
     * Ends the session so that the board takes the next login at once: waits (bounded) for queued
     * frames to leave, sends the empty close frame the board ends a session on, waits for the board to
     * answer or drop the connection, then closes the socket.
     */
    void close() {
        WebSocket ws = socket;
        if (ws != null && ending == Ending.OPEN) {
            Deadline deadline = Deadline.after(timeouts.close());
            try {
                while (ws.queueSize() > 0 && !deadline.expired() && ending == Ending.OPEN) {
                    ended.await(1, TimeUnit.MILLISECONDS);
                }
                OutboundFrames out = tap.outbound();
                if (out != null && ending == Ending.OPEN) {
                    closing = true;
                    out.writeBetweenFrames(EMPTY_CLOSE, deadline);
                    // The board answers the close frame before it lets the session go: only when it has also
                    // closed the TCP connection will it take the next login (else: "concurrent", rejected).
                    if (closeAnswered.await(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS)
                            && !tap.awaitBoardClosed(Math.max(1, deadline.remainingMillis()))) {
                        LOG.debug("{}: the board answered the close but kept the connection for {} ms", name,
                                timeouts.close().toMillis());
                    }
                }
            } catch (IOException e) {
                LOG.debug("{}: the close frame could not be sent ({}); dropping the connection", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        end(Ending.BY_US, "closed by the application", null);
        if (ws != null) {
            ws.cancel();
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** @return a description of why the session ended, or null while open */
    String closedReason() {
        return terminal.closedReason();
    }

    private void end(Ending how, String reason, Throwable cause) {
        synchronized (this) {
            if (ending == Ending.OPEN) {
                ending = how;
            }
        }
        terminal.close(reason, cause);
        fileBytes.close(reason, cause);
        ended.countDown();
    }

    /** Receives OkHttp's events on its reader thread and sorts the bytes into terminal and file streams. */
    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.complete(response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            // Only without the tap (wss://): malformed UTF-8 has already become U+FFFD here.
            terminal.append(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            Boolean text = tap.retypes() ? tap.kinds().poll() : Boolean.FALSE;
            if (text == null) {
                LOG.warn("{}: a message arrived that the frame tap did not see; treating it as file data", name);
                text = Boolean.FALSE;
            }
            (text ? terminal : fileBytes).append(bytes.toByteArray());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            // The board sends a close frame only to answer ours. Never answer with OkHttp's close(code): a
            // close frame with a status code keeps the board's session open.
            end(Ending.BY_BOARD, "the board closed the WebSocket (code " + code + (reason.isEmpty() ? "" : ", " + reason) + ")", null);
            closeAnswered.countDown();
            if (!closing) {
                webSocket.cancel();
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            end(Ending.BY_BOARD, "the WebSocket is closed (code " + code + ")", null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            if (!opened.isDone()) {
                if (response != null && response.code() != 101) {
                    opened.completeExceptionally(new ProtocolException("HTTP " + response.code() + " " + response.message()));
                } else {
                    opened.completeExceptionally(t);
                }
            }
            if (t instanceof EOFException) {
                end(Ending.BY_BOARD, "the board dropped the connection", t);
            } else {
                end(Ending.BROKEN, "connection lost (" + t + ")", t);
            }
        }
    }
}
