package org.mpysdk.webrepl;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.mpysdk.core.Bytes;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.mpysdk.core.UnsupportedPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ws://host:8266}: a MicroPython board's WebREPL, over an OkHttp WebSocket. After the password
 * login, reads and writes carry the REPL's terminal bytes (text frames) exactly as a serial line does,
 * so {@code board.repl()} runs over it unchanged; {@link #files()} speaks the binary file protocol on
 * the same connection.
 *
 * <pre>{@code
 * try (Board board = Board.open("ws://192.168.4.1:8266", WebRepl.password("s3cret"))) {
 *     board.repl().exec("print(1+1)");
 * }
 * }</pre>
 *
 * <p>Bytes, not text: on {@code ws://} the board's text frames reach the reader byte for byte (see
 * {@link FrameKindTap}), so raw-paste mode and output of any byte value work. On {@code wss://} (a TLS
 * proxy in front of a board) OkHttp decodes text frames as UTF-8 and replaces every malformed sequence
 * with U+FFFD (bytes {@code EF BF BD}); there {@link #byteExact()} is false and this transport answers
 * the raw-paste request itself with "not supported", so the REPL falls back to plain raw mode.
 *
 * <p>REPL input goes out in text frames of at most 255 bytes, paced (see {@link WebReplPacing}), cut on
 * UTF-8 character boundaries: OkHttp sends text frames only from strings, so input must be UTF-8 (MicroPython
 * source and the REPL's control characters are).
 */
public final class WebReplTransport extends AbstractTransport {
    /** WebREPL's usual port. */
    public static final int DEFAULT_PORT = 8266;

    private static final Logger LOG = LoggerFactory.getLogger(WebReplTransport.class);
    private static final long QUEUE_HIGH_WATER = 64 * 1024;
    private static final byte[] PASSWORD_PROMPT = "Password: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTED = "WebREPL connected\r\n>>> ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DENIED = "Access denied".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RAW_PASTE_REQUEST = {0x05, 'A', 0x01};
    private static final byte[] RAW_PASTE_REFUSED = {'R', 0x00};

    private final OkHttpClient client;
    private final FrameKindTap tap;
    private final InboundBytes terminal;
    private final InboundBytes fileBytes;
    private final CompletableFuture<Response> opened = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final WebReplTimeouts timeouts;
    private final WebReplPacing pacing;
    private final InputPacer pacer;
    private final ReentrantLock fileLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile WebSocket socket;
    private volatile boolean rawPasteRefusalLogged;

    private WebReplTransport(String name, OkHttpClient client, FrameKindTap tap, WebReplTimeouts timeouts,
                             WebReplPacing pacing) {
        super(name);
        this.client = client;
        this.tap = tap;
        this.timeouts = timeouts;
        this.pacing = pacing;
        this.pacer = new InputPacer(pacing.maxFrameBytes(), pacing.bytesPerSecond());
        this.terminal = new InboundBytes(name);
        this.fileBytes = new InboundBytes(name);
    }

    /**
     * Connects and logs in.
     *
     * @param address a {@code ws://host[:port][/path]} or {@code wss://...} address; the port defaults to 8266
     * @param password the board's WebREPL password
     * @param timeouts connect, login, reply and close limits
     * @param pacing how REPL input is cut and paced
     * @return the logged-in transport, text frames read as bytes on {@code ws://}
     * @throws PortNotFoundException when nothing listens there or the host is unknown
     * @throws WebReplAuthException when the board denies the password
     * @throws WebReplSessionBusyException when the board already serves another client
     * @throws OperationTimeoutException when connect or login take longer than allowed
     */
    public static WebReplTransport connect(PortAddress address, WebReplPassword password, WebReplTimeouts timeouts,
                                           WebReplPacing pacing) throws IOException {
        return connect(address, password, timeouts, pacing, WebReplTextMode.BYTES);
    }

    /**
     * As {@link #connect(PortAddress, WebReplPassword, WebReplTimeouts, WebReplPacing)}, choosing how text
     * frames are read ({@link WebReplTextMode#BYTES} applies to {@code ws://} only).
     *
     * @param address a {@code ws://} or {@code wss://} address
     * @param password the board's WebREPL password
     * @param timeouts connect, login, reply and close limits
     * @param pacing how REPL input is cut and paced
     * @param mode how the board's text frames are read
     * @return the logged-in transport
     * @throws PortNotFoundException when nothing listens there or the host is unknown
     * @throws WebReplAuthException when the board denies the password
     * @throws WebReplSessionBusyException when the board already serves another client
     * @throws OperationTimeoutException when connect or login take longer than allowed
     * @throws IOException another {@link org.mpysdk.core.TransportException} when the connection fails
     */
    public static WebReplTransport connect(PortAddress address, WebReplPassword password, WebReplTimeouts timeouts,
                                           WebReplPacing pacing, WebReplTextMode mode) throws IOException {
        HttpUrl url = httpUrl(address);
        boolean plain = "ws".equals(address.scheme());
        FrameKindTap tap = new FrameKindTap(plain && mode == WebReplTextMode.BYTES);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.reply())
                .writeTimeout(timeouts.reply())
                // The board ignores pings (it never answers with a pong), so OkHttp must not send them.
                .pingInterval(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .socketFactory(tap);
        WebReplTransport t = new WebReplTransport(address.text(), builder.build(), tap, timeouts, pacing);
        try {
            t.open(url);
            t.login(password);
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private static HttpUrl httpUrl(PortAddress address) throws UnsupportedPortException {
        String target = address.target();
        int slash = target.indexOf('/');
        String hostPort = slash < 0 ? target : target.substring(0, slash);
        String path = slash < 0 ? "/" : target.substring(slash);
        int port;
        try {
            port = hostPort.endsWith("]") || hostPort.indexOf(':') < 0 ? DEFAULT_PORT : address.tcpPort(DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedPortException("not a WebREPL address: " + address.text() + " (" + e.getMessage()
                    + "); write it as ws://192.168.4.1:8266");
        }
        String host = hostPort.endsWith("]") || hostPort.indexOf(':') < 0 ? hostPort : hostPort.substring(0, hostPort.lastIndexOf(':'));
        HttpUrl url = HttpUrl.parse(("wss".equals(address.scheme()) ? "https" : "http") + "://" + host + path);
        if (url == null || host.isEmpty()) {
            throw new UnsupportedPortException("not a WebREPL address: " + address.text() + "; write it as ws://192.168.4.1:8266");
        }
        return url.newBuilder().port(port).build();
    }

    private void open(HttpUrl url) throws IOException {
        Request request = new Request.Builder().url(url).build();
        socket = client.newWebSocket(request, new Listener());
        long waitMillis = timeouts.connect().toMillis() + 1000;
        try {
            opened.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperationTimeoutException("no WebSocket answer from " + name() + " within " + waitMillis
                    + " ms; check the address, that you are on the board's network, and that WebREPL is started"
                    + " (import webrepl; webrepl.start())", timeouts.connect());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportClosedException(name() + ": interrupted while connecting", e);
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause());
        }
    }

    private TransportException connectFailure(Throwable t) {
        String where = name();
        if (t instanceof UnknownHostException) {
            return new PortNotFoundException("unknown host in " + where + "; check the name or use the board's IP address"
                    + " (192.168.4.1 on its own access point)");
        }
        if (t instanceof ConnectException) {
            return new PortNotFoundException("nothing listens at " + where + " (" + t.getMessage() + "); start WebREPL on"
                    + " the board (webrepl.start(), or WebReplSetup.enable over serial) and check the port (8266)");
        }
        if (t instanceof SocketTimeoutException) {
            return new TransportException("no answer from " + where + " within " + timeouts.connect().toMillis()
                    + " ms; check the address, the Wi-Fi network and any firewall", t);
        }
        if (t instanceof ProtocolException) {
            return new TransportException(where + " did not switch to WebSocket (" + t.getMessage() + "); is this a"
                    + " MicroPython WebREPL port? It is usually 8266", t);
        }
        return new TransportException("could not open " + where + ": " + t, t);
    }

    private void login(WebReplPassword password) throws IOException {
        Deadline deadline = Deadline.after(timeouts.login());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            awaitAny(seen, deadline, "the password prompt", PASSWORD_PROMPT);
        } catch (TransportClosedException e) {
            if (seen.size() == 0) {
                throw new WebReplSessionBusyException(name() + " accepted the WebSocket and closed it before asking for"
                        + " the password: the board already has a WebREPL client and serves one at a time. Close the"
                        + " other session (a browser tab with the WebREPL page, webrepl_cli, another program) and retry");
            }
            throw e;
        }
        sendText(password.password() + "\r");
        seen.reset();
        int which;
        try {
            which = awaitAny(seen, deadline, "the answer to the password", CONNECTED, DENIED);
        } catch (TransportClosedException e) {
            if (AbstractTransport.printable(seen.toByteArray()).contains("Access denied")) {
                which = 1;
            } else {
                throw e;
            }
        }
        if (which == 1) {
            throw new WebReplAuthException("the board at " + name() + " denied the WebREPL password; use the PASS from"
                    + " its webrepl_cfg.py (set it with WebReplSetup.enable over serial)");
        }
        LOG.debug("WebREPL login on {} ok (byte-exact frames: {})", name(), byteExact());
    }

    /** Reads terminal bytes until one of the patterns arrives. @return the index of the pattern found */
    private int awaitAny(ByteArrayOutputStream seen, Deadline deadline, String what, byte[]... patterns)
            throws IOException {
        byte[] buf = new byte[512];
        while (true) {
            byte[] sofar = seen.toByteArray();
            for (int p = 0; p < patterns.length; p++) {
                int at = Bytes.indexOf(sofar, patterns[p], 0);
                if (at >= 0) {
                    unread(Arrays.copyOfRange(sofar, at + patterns[p].length, sofar.length));
                    return p;
                }
            }
            if (deadline.expired()) {
                throw new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms on " + name()
                        + " waiting for " + what + "; received " + AbstractTransport.printable(sofar)
                        + ". Is this a MicroPython WebREPL?", deadline.budget());
            }
            int n = terminal.read(buf, 0, buf.length, deadline.remainingMillis());
            seen.write(buf, 0, n);
        }
    }

    /**
     * @return whether text frames reach the reader byte for byte (true on {@code ws://}); when false,
     *     malformed UTF-8 from the board arrives as U+FFFD and raw-paste mode is refused locally
     */
    public boolean byteExact() {
        return tap.retypes();
    }

    /** @return the WebREPL binary file protocol on this connection */
    public WebReplFiles files() {
        return new WebReplFiles(this);
    }

    /** @return the pacing of REPL input on this connection */
    public WebReplPacing pacing() {
        return pacing;
    }

    /** @return the time limits of this connection */
    public WebReplTimeouts timeouts() {
        return timeouts;
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        return terminal.read(buf, off, len, timeoutMillis);
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        if (!byteExact() && len == RAW_PASTE_REQUEST.length
                && Arrays.equals(data, off, off + len, RAW_PASTE_REQUEST, 0, RAW_PASTE_REQUEST.length)) {
            refuseRawPaste();
            return;
        }
        writeLock.lock();
        try {
            int i = off;
            int end = off + len;
            while (i < end) {
                int n = utf8Cut(data, i, Math.min(pacing.maxFrameBytes(), end - i), end);
                String text = strictUtf8(data, i, n, i - off);
                pacer.awaitTurn(n);
                awaitQueueBelow(QUEUE_HIGH_WATER, Deadline.after(timeouts.reply()));
                if (!socket.send(text)) {
                    throw closedOnWrite();
                }
                i += n;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Answers a raw-paste request with the board's own "not supported" reply, so that the REPL falls back
     * to plain raw mode: without byte-exact frames the window bytes ({@code \x80\x00}) would arrive as
     * U+FFFD and flow control would go wrong. The board never sees the request and stays in raw REPL mode,
     * exactly as after its own refusal.
     */
    private void refuseRawPaste() {
        if (!rawPasteRefusalLogged) {
            rawPasteRefusalLogged = true;
            LOG.info("raw-paste over WebREPL is off on {}: text frames are decoded by OkHttp as UTF-8 (wss://, or"
                    + " WebReplTextMode.DECODED), which would corrupt the raw-paste window bytes, so the REPL uses plain"
                    + " raw mode", name());
        }
        unread(RAW_PASTE_REFUSED);
    }

    /** @return how many bytes from {@code i}, at most {@code max}, fit without splitting a UTF-8 character */
    static int utf8Cut(byte[] data, int i, int max, int end) {
        int j = i + max;
        if (j >= end) {
            return max;
        }
        // data[j] starts the next frame; while it is a continuation byte (10xxxxxx), move the cut back.
        int back = 0;
        while (back < 3 && j - back > i && (data[j - back] & 0xC0) == 0x80) {
            back++;
        }
        return j - back > i && (data[j - back] & 0xC0) != 0x80 ? max - back : max;
    }

    private String strictUtf8(byte[] data, int off, int len, int position) throws TransportException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new TransportException("REPL input to " + name() + " holds bytes that are not UTF-8 near offset " + position
                    + ": WebREPL carries REPL input in text frames, and OkHttp builds those only from text. Send"
                    + " binary data with the file protocol (WebRepl.files) or as a bytes literal", e);
        }
    }

    private TransportClosedException closedOnWrite() {
        String reason = terminal.closedReason();
        return new TransportClosedException(name() + ": cannot send, the WebSocket is "
                + (reason == null ? "closing" : "closed (" + reason + ")"));
    }

    /** Waits until OkHttp's outgoing queue holds at most {@code limit} bytes, so memory stays bounded. */
    private void awaitQueueBelow(long limit, Deadline deadline) throws IOException {
        while (socket.queueSize() > limit) {
            if (terminal.isClosed()) {
                throw closedOnWrite();
            }
            deadline.check("the WebSocket send queue of " + name() + " to drain (" + socket.queueSize()
                    + " bytes waiting: is the board still reading?)");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            if (Thread.currentThread().isInterrupted()) {
                throw new TransportClosedException(name() + ": interrupted while sending");
            }
        }
    }

    private void sendText(String text) throws IOException {
        if (!socket.send(text)) {
            throw closedOnWrite();
        }
    }

    // ---- file protocol plumbing, used by WebReplFiles ----

    /** Sends one binary frame. */
    void sendBinary(byte[] data, int off, int len, Deadline deadline) throws IOException {
        ensureOpen();
        awaitQueueBelow(QUEUE_HIGH_WATER, deadline);
        if (!socket.send(ByteString.of(data, off, len))) {
            throw closedOnWrite();
        }
    }

    /** Reads exactly {@code n} bytes of binary-frame payload before the deadline. */
    byte[] readBinary(int n, Deadline deadline, String what) throws IOException {
        ensureOpen();
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (deadline.expired()) {
                throw new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms on " + name()
                        + " waiting for " + what + " (got " + got + " of " + n + " bytes)", deadline.budget());
            }
            got += fileBytes.read(out, got, n - got, deadline.remainingMillis());
        }
        return out;
    }

    /**
     * @throws TransportClosedException when the connection has already ended, before an operation starts
     */
    void checkLive() throws TransportClosedException {
        if (!isOpen()) {
            throw new LiveCheckFailed(name() + " is closed");
        }
        String reason = fileBytes.closedReason();
        if (reason != null) {
            throw new LiveCheckFailed(name() + ": " + reason + "; reopen the board");
        }
    }

    /** @return false when {@code e} came from {@link #checkLive()}: the link was gone before the operation */
    boolean wasLiveAtStart(TransportClosedException e) {
        return !(e instanceof LiveCheckFailed);
    }

    /** The link was already gone when an operation began (no file protocol step was attempted). */
    private static final class LiveCheckFailed extends TransportClosedException {
        LiveCheckFailed(String message) {
            super(message);
        }
    }

    /** Drops binary payload left over from an earlier operation. @return bytes dropped */
    long discardBinary() {
        return fileBytes.clear();
    }

    /** @return the lock that keeps file operations on this connection one at a time */
    ReentrantLock fileLock() {
        return fileLock;
    }

    /** Waits until everything queued has gone to the socket. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        awaitQueueBelow(0, Deadline.after(timeouts.reply()));
    }

    @Override
    protected void closeRaw() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(1000, null);
            try {
                // A clean close: the board answers the close frame and drops the TCP connection.
                ended.await(timeouts.close().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ws.cancel();
        }
        terminal.close("closed by the application", null);
        fileBytes.close("closed by the application", null);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private void end(String reason, Throwable cause) {
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
                LOG.warn("{}: a message arrived that the frame tap did not see; treating it as file data", name());
                text = Boolean.FALSE;
            }
            (text ? terminal : fileBytes).append(bytes.toByteArray());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            end("the board closed the WebSocket (code " + code + (reason.isEmpty() ? "" : ", " + reason) + ")", null);
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            end("the WebSocket is closed (code " + code + ")", null);
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
            String why = t instanceof EOFException ? "the board dropped the connection" : "connection lost (" + t + ")";
            end(why, t);
        }
    }
}
