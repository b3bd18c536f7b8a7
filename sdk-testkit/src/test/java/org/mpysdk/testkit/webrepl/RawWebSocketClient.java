package org.mpysdk.testkit.webrepl;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

/**
 * A WebSocket client on a plain socket that sends exactly the frames a test asks for (a ping with a
 * payload, a close frame with or without a status code, a put frame of any length) and reports every
 * frame the server sends, with its opcode, so that tests can show what the board does with them.
 * Frames it sends are masked, as a client's must be.
 */
final class RawWebSocketClient implements AutoCloseable {
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;

    /** One frame from the server; {@code opcode} -1 marks the end of the TCP stream. */
    record Frame(int opcode, byte[] payload) {
        static final Frame EOF = new Frame(-1, new byte[0]);

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Random maskSource = new Random(1);
    private String head = "";

    private RawWebSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and upgrades (the header names exactly as the board compares them).
     *
     * @return the upgraded client
     * @throws IOException when the server does not answer 101
     */
    static RawWebSocketClient connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setTcpNoDelay(true);
        s.setSoTimeout(5000);
        RawWebSocketClient c = new RawWebSocketClient(s);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        c.out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        c.out.flush();
        String head = c.readHead();
        c.head = head;
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("no upgrade: " + head);
        }
        return c;
    }

    /** @return the server's HTTP response head, up to and with the empty line */
    String head() {
        return head;
    }

    /** @return the HTTP response head the server sent, up to the empty line */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in the HTTP head: " + head);
            }
            head.write(c);
            byte[] b = head.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Sends one masked frame, FIN set. */
    void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        }
        byte[] mask = new byte[4];
        maskSource.nextBytes(mask);
        f.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** Sends a text frame of ASCII text. */
    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * @param timeout how long to wait for the frame to begin
     * @return the next frame, {@link Frame#EOF} when the server closed the connection, or null when
     *     nothing came in time
     */
    Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        } catch (java.net.SocketException e) {
            return Frame.EOF; // reset by the peer
        }
        if (b0 < 0) {
            return Frame.EOF;
        }
        socket.setSoTimeout(5000);
        int b1 = readByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = (readByte() << 8) | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[] {(byte) readByte(), (byte) readByte(), (byte) readByte(), (byte) readByte()};
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length < len) {
            throw new EOFException("connection closed inside a frame");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame(b0 & 0x0F, payload);
    }

    /**
     * Reads text frames until their payloads, joined, contain {@code marker}.
     *
     * @return the joined text
     * @throws IOException when the connection ends or {@code timeout} passes first
     */
    String readTextUntil(String marker, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        StringBuilder text = new StringBuilder();
        while (text.indexOf(marker) < 0) {
            long left = end - System.nanoTime();
            Frame f = left <= 0 ? null : read(Duration.ofNanos(left));
            if (f == null || f == Frame.EOF) {
                throw new IOException((f == null ? "timed out" : "connection closed") + " waiting for "
                        + marker.replace("\r", "\\r").replace("\n", "\\n") + "; got " + text);
            }
            if (f.opcode() == TEXT) {
                text.append(f.text());
            }
        }
        return text.toString();
    }

    /** Answers the password prompt and waits for the greeting. */
    void login(String password) throws IOException {
        readTextUntil("Password: ", Duration.ofSeconds(5));
        sendText(password + "\r");
        readTextUntil("WebREPL connected\r\n>>> ", Duration.ofSeconds(5));
    }

    private int readByte() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed inside a frame header");
        }
        return c;
    }

    /** Half-closes: the server sees the end of the stream. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}
