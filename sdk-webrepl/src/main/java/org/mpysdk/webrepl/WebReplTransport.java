package org.mpysdk.webrepl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.mpysdk.core.UnsupportedPortException;
import org.mpysdk.core.internal.Bytes;
import org.mpysdk.core.repl.BoardResetException;
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
 *
 * <p>Sessions as the board handles them: the board's segments are acknowledged at once (see
 * {@link PromptAcks}: no 40 ms delayed-ACK stall per exchange); {@link #close()} ends the session with
 * the empty close frame the board ends a session on and waits for the board to drop the connection, so
 * the next login works at once; after the login the REPL is put in a known mode (Ctrl-B, or the raw REPL
 * again on {@link #reconnect()} when this client had left it there); a soft reset while code runs is a
 * {@link BoardResetException}; a file operation the board ended by dropping the connection makes the
 * next call log in again; the board's output waits in bounded buffers (back-pressure).
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
    private static final byte[] TO_FRIENDLY = {0x02};
    private static final byte[] TO_RAW = {'\r', 0x03, 0x03, 0x01};
    private static final byte CTRL_D = 0x04;
    private static final byte[] FRIENDLY_PROMPT = ">>> ".getBytes(StandardCharsets.US_ASCII);
    /** How long a file operation waits for the board's answer to the login's Ctrl-B before it starts. */
    private static final long SETTLE_WAIT_MILLIS = 500;

    private final HttpUrl url;
    private final boolean retype;
    private final WebReplPassword password;
    private final WebReplTimeouts timeouts;
    private final WebReplPacing pacing;
    private final InputPacer pacer;
    private final ReplModeWatch mode = new ReplModeWatch();
    private final ReentrantLock fileLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock connectLock = new ReentrantLock();
    private volatile WebReplConnection connection;
    /** Set when a file operation's failure ended the session: the next call reconnects by itself. */
    private volatile boolean reconnectOnNextCall;
    /** The board ended the session right after the end of submitted code: reported once as a reset. */
    private volatile boolean resetReported;
    private volatile byte lastInput;
    private volatile boolean rawPasteRefusalLogged;
    /** The login's Ctrl-B is sent; the board's answer (banner and prompt) may still be on its way. */
    private volatile boolean settleAnswerPending;

    private WebReplTransport(String name, HttpUrl url, boolean retype, WebReplPassword password,
                             WebReplTimeouts timeouts, WebReplPacing pacing) {
        super(name);
        this.url = url;
        this.retype = retype;
        this.password = password;
        this.timeouts = timeouts;
        this.pacing = pacing;
        this.pacer = new InputPacer(pacing.maxFrameBytes(), pacing.bytesPerSecond());
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
     * frames are read ({@link WebReplTextMode#BYTES} applies to {@code ws://} only). After the login the
     * board is put in its friendly REPL (Ctrl-B), whatever mode an earlier client left it in; running
     * code is not interrupted.
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
        WebReplTransport t = new WebReplTransport(address.text(), url, plain && mode == WebReplTextMode.BYTES, password,
                timeouts, pacing);
        try {
            t.establish();
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


    /** Opens a new session, logs in and puts the REPL in the mode this client expects. */
    private void establish() throws IOException {
        WebReplConnection c = WebReplConnection.open(name(), url, retype, timeouts);
        try {
            login(c);
            settleRepl(c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        connection = c;
        reconnectOnNextCall = false;
        resetReported = false;
    }

    /**
     * Ends the current session (if any) and logs in again, waiting up to the connect plus login timeout
     * for the board to listen again (after a soft reset the board restarts its WebREPL server, which
     * takes about half a second). The REPL comes back in the mode this client last left it in: a
     * {@code Repl} that had entered the raw REPL can go on with its next {@code exec}. Python state on
     * the board is whatever the board kept (nothing after a reset).
     *
     * @throws PortNotFoundException when the board does not listen again in time
     * @throws WebReplSessionBusyException when another client took the board meanwhile
     * @throws WebReplAuthException when the password is now refused
     * @throws IOException another {@link org.mpysdk.core.TransportException} when it cannot reconnect
     */
    public void reconnect() throws IOException {
        ensureOpen();
        connectLock.lock();
        try {
            WebReplConnection old = connection;
            if (old != null) {
                old.close();
            }
            Deadline deadline = Deadline.after(timeouts.connect().plus(timeouts.login()));
            long backoffMillis = 25;
            while (true) {
                try {
                    establish();
                    break;
                } catch (PortNotFoundException | WebReplSessionBusyException e) {
                    // Busy: the board may not have seen the end of our old session yet.
                    if (deadline.remainingMillis() <= backoffMillis) {
                        throw e;
                    }
                    LOG.debug("{}: not back yet ({}); retrying in {} ms", name(), e.getMessage(), backoffMillis);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TransportClosedException(name() + ": interrupted while reconnecting");
                    }
                    backoffMillis = Math.min(backoffMillis * 2, 400);
                }
            }
            discardInput();
            LOG.debug("{}: reconnected (raw REPL: {})", name(), mode.raw());
        } finally {
            connectLock.unlock();
        }
    }

    private void login(WebReplConnection c) throws IOException {
        Deadline deadline = Deadline.after(timeouts.login());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            awaitAny(c, seen, deadline, "the password prompt", PASSWORD_PROMPT);
        } catch (TransportClosedException e) {
            if (seen.size() == 0) {
                throw new WebReplSessionBusyException(name() + " accepted the WebSocket and closed it before asking for"
                        + " the password: the board already has a WebREPL client and serves one at a time. Close the"
                        + " other session (a browser tab with the WebREPL page, webrepl_cli, another program) and retry");
            }
            throw e;
        }
        if (!c.sendText(password.password() + "\r")) {
            throw closedOnWrite(c);
        }
        seen.reset();
        int which;
        try {
            which = awaitAny(c, seen, deadline, "the answer to the password", CONNECTED, DENIED);
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
        LOG.debug("WebREPL login on {} ok (byte-exact frames: {})", name(), c.byteExact());
    }

    /**
     * The board keeps its REPL mode across sessions. A client that expects the friendly REPL (a new one)
     * gets Ctrl-B, which leaves a raw REPL an earlier client left (and only reprints the banner in the
     * friendly one). A client that had entered the raw REPL gets it again (Ctrl-C twice, Ctrl-A) and
     * the banner is read, so its {@code Repl} can go on where it was.
     */
    private void settleRepl(WebReplConnection c) throws IOException {
        if (!mode.raw()) {
            if (!c.sendText(new String(TO_FRIENDLY, StandardCharsets.US_ASCII))) {
                throw closedOnWrite(c);
            }
            settleAnswerPending = true;
            return;
        }
        if (!c.sendText(new String(TO_RAW, StandardCharsets.US_ASCII))) {
            throw closedOnWrite(c);
        }
        awaitAny(c, new ByteArrayOutputStream(), Deadline.after(timeouts.login()), "the raw REPL banner after the login",
                (new String(ReplModeWatch.RAW_BANNER, StandardCharsets.US_ASCII) + ">").getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads terminal bytes until one of the patterns arrives. @return the index of the pattern found */
    private int awaitAny(WebReplConnection c, ByteArrayOutputStream seen, Deadline deadline, String what,
                         byte[]... patterns) throws IOException {
        byte[] buf = new byte[512];
        while (true) {
            byte[] sofar = seen.toByteArray();
            for (int p = 0; p < patterns.length; p++) {
                int at = Bytes.indexOf(sofar, patterns[p], 0);
                if (at >= 0) {
                    c.terminal().pushFront(Arrays.copyOfRange(sofar, at + patterns[p].length, sofar.length));
                    return p;
                }
            }
            if (deadline.expired()) {
                throw new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms on " + name()
                        + " waiting for " + what + "; received " + AbstractTransport.printable(sofar)
                        + ". Is this a MicroPython WebREPL?", deadline.budget());
            }
            int n = c.terminal().read(buf, 0, buf.length, deadline.remainingMillis());
            seen.write(buf, 0, n);
        }
    }

    /**
     * @return whether text frames reach the reader byte for byte (true on {@code ws://}); when false,
     *     malformed UTF-8 from the board arrives as U+FFFD and raw-paste mode is refused locally
     */
    public boolean byteExact() {
        return retype;
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

    /**
     * @return how many bytes from the board wait unread right now; at most about 1 MiB per stream
     *     (terminal, file protocol), because the reader stops taking more until the application reads
     */
    public long inboundBytesBuffered() {
        WebReplConnection c = connection;
        return c == null ? 0 : c.buffered();
    }

    /** @return the session in use, reconnecting first when an earlier file operation ended the last one */
    private WebReplConnection live() throws IOException {
        ensureOpen();
        WebReplConnection c = connection;
        if (c != null && c.ending() != WebReplConnection.Ending.OPEN && reconnectOnNextCall) {
            LOG.debug("{}: the last file operation ended the session; reconnecting", name());
            reconnect();
            c = connection;
        }
        return c;
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        WebReplConnection c = live();
        try {
            int n = c.terminal().read(buf, off, len, timeoutMillis);
            mode.output(buf, off, n);
            if (settleAnswerPending && n > 0
                    && Bytes.indexOf(Arrays.copyOfRange(buf, off, off + n), FRIENDLY_PROMPT, 0) >= 0) {
                settleAnswerPending = false; // a reader has taken the login's answer already
            }
            return n;
        } catch (TransportClosedException e) {
            throw sessionEnded(c, e);
        }
    }

    /**
     * Says why the session ended. When the board itself closed the connection (no close frame of ours,
     * not a broken link) right after the end of submitted code (Ctrl-D), the board reset: a soft reset
     * ({@code sys.exit()}, {@code machine.soft_reset()}, Ctrl-D at the friendly prompt) restarts
     * MicroPython and its WebREPL server, which drops the session without a word.
     */
    private IOException sessionEnded(WebReplConnection c, TransportClosedException e) {
        if (c.ending() == WebReplConnection.Ending.BY_BOARD && lastInput == CTRL_D && !reconnectOnNextCall
                && !resetReported) {
            resetReported = true;
            BoardResetException reset = new BoardResetException("the board on " + name() + " ended the WebREPL session"
                    + " right after the code was submitted (Ctrl-D): it soft-reset (sys.exit(), machine.soft_reset(),"
                    + " Ctrl-D at the friendly prompt) and restarted its WebREPL server; every Python variable is gone,"
                    + " files are kept. Call reconnect() on the transport (it waits for the board to listen again)"
                    + " or open the board again", true);
            reset.initCause(e);
            return reset;
        }
        return e;
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
            WebReplConnection c = live();
            int i = off;
            int end = off + len;
            while (i < end) {
                int n = utf8Cut(data, i, Math.min(pacing.maxFrameBytes(), end - i), end);
                String text = strictUtf8(data, i, n, i - off);
                pacer.awaitTurn(n);
                awaitQueueBelow(c, QUEUE_HIGH_WATER, Deadline.after(timeouts.reply()));
                if (!c.sendText(text)) {
                    throw closedOnWrite(c);
                }
                mode.input(data, i, n);
                lastInput = data[i + n - 1];
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

    private TransportClosedException closedOnWrite(WebReplConnection c) {
        String reason = c.closedReason();
        return new TransportClosedException(name() + ": cannot send, the WebSocket is "
                + (reason == null ? "closing" : "closed (" + reason + ")"));
    }

    /** Waits until OkHttp's outgoing queue holds at most {@code limit} bytes, so memory stays bounded. */
    private void awaitQueueBelow(WebReplConnection c, long limit, Deadline deadline) throws IOException {
        while (c.queueSize() > limit) {
            if (c.ending() != WebReplConnection.Ending.OPEN) {
                throw closedOnWrite(c);
            }
            deadline.check("the WebSocket send queue of " + name() + " to drain (" + c.queueSize()
                    + " bytes waiting: is the board still reading?)");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            if (Thread.currentThread().isInterrupted()) {
                throw new TransportClosedException(name() + ": interrupted while sending");
            }
        }
    }

    // ---- file protocol plumbing, used by WebReplFiles ----

    /** Sends one binary frame. */
    void sendBinary(byte[] data, int off, int len, Deadline deadline) throws IOException {
        ensureOpen();
        WebReplConnection c = connection;
        awaitQueueBelow(c, QUEUE_HIGH_WATER, deadline);
        if (!c.sendBinary(data, off, len)) {
            throw closedOnWrite(c);
        }
    }

    /** Reads exactly {@code n} bytes of binary-frame payload before the deadline. */
    byte[] readBinary(int n, Deadline deadline, String what) throws IOException {
        ensureOpen();
        WebReplConnection c = connection;
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (deadline.expired()) {
                throw new OperationTimeoutException("timed out after " + deadline.budget().toMillis() + " ms on " + name()
                        + " waiting for " + what + " (got " + got + " of " + n + " bytes)", deadline.budget());
            }
            got += c.fileBytes().read(out, got, n - got, deadline.remainingMillis());
        }
        return out;
    }

    /**
     * Starts a file operation: reconnects when an earlier file operation ended the session.
     *
     * @throws TransportClosedException when the connection has already ended otherwise, before an operation starts
     */
    void checkLive() throws IOException {
        if (!isOpen()) {
            throw new LiveCheckFailed(name() + " is closed");
        }
        WebReplConnection c = live();
        String reason = c.fileBytes().closedReason();
        if (reason != null) {
            throw new LiveCheckFailed(name() + ": " + reason + "; call reconnect() or reopen the board");
        }
    }

    /**
     * Before the first file operation of a session, waits (at most half a second) for the board's answer
     * to the login's Ctrl-B, without consuming it. Why: MicroPython's server on the unix port prints REPL
     * output from another thread than the one answering file requests, and text written while a file
     * reply is being written goes out as a binary frame (its frame type is switched for the reply); the
     * banner the Ctrl-B prints then lands in the file protocol's stream.
     */
    void awaitReplSettled() {
        if (!settleAnswerPending) {
            return;
        }
        WebReplConnection c = connection;
        if (c != null && !c.terminal().awaitContains(FRIENDLY_PROMPT, SETTLE_WAIT_MILLIS)) {
            LOG.debug("{}: no friendly prompt within {} ms after the login; starting the file operation anyway", name(),
                    SETTLE_WAIT_MILLIS);
        }
        settleAnswerPending = false;
    }

    /** Notes that a file operation's failure ended the session: the next call reconnects first. */
    void sessionEndedByFileOperation() {
        reconnectOnNextCall = true;
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
        WebReplConnection c = connection;
        return c == null ? 0 : c.fileBytes().clear();
    }

    /** @return the lock that keeps file operations on this connection one at a time */
    ReentrantLock fileLock() {
        return fileLock;
    }

    /** Waits until everything queued has gone to the socket. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        awaitQueueBelow(connection, 0, Deadline.after(timeouts.reply()));
    }

    /**
     * Ends the session with the empty close frame the board ends a session on (a close frame with a
     * status code would leave the board's session open and refuse the next login as concurrent), waits
     * up to the close timeout for the board to answer, then drops the socket.
     */
    @Override
    protected void closeRaw() {
        WebReplConnection c = connection;
        if (c != null) {
            c.close();
        }
    }
}
