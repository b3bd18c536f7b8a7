package org.mpysdk.testkit.webrepl;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The board's side of one WebSocket, written after MicroPython's {@code webrepl.py} (handshake) and
 * {@code modwebsocket.c} (frames): header names are matched case-sensitively as the board does; client
 * frames may be masked or not; 64-bit lengths end the connection; pings are not answered, and the payload
 * of a ping or close frame (but its last byte) reaches the file protocol as data, as on the board; a close
 * frame is answered with an empty close frame and ends the session only when it has at most one payload
 * byte (a close with a status code leaves the session open). Server frames are unmasked, FIN set, length
 * in 7 bits or 126 + u16. Checked against MicroPython's own server by {@code WebReplTranscriptTest}.
 */
final class ServerWebSocket implements AutoCloseable {
    static final int TEXT = 1;
    static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** One data frame from the client. */
    record Frame(int opcode, byte[] payload) {
    }

    /** What the HTTP request asked for. */
    enum Upgrade { WEBSOCKET, PLAIN_HTTP, EOF }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int lastDataOpcode = TEXT;
    private final java.util.concurrent.atomic.AtomicInteger pings;

    ServerWebSocket(Socket socket, java.util.concurrent.atomic.AtomicInteger pings) throws IOException {
        this.socket = socket;
        this.pings = pings;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Reads the HTTP request and, when it asks for a WebSocket, answers 101. */
    Upgrade handshake() throws IOException {
        String requestLine = readLine();
        if (requestLine == null) {
            return Upgrade.EOF;
        }
        String key = null;
        boolean upgrade = false;
        boolean websocket = false;
        while (true) {
            String line = readLine();
            if (line == null) {
                return Upgrade.EOF;
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String h = line.substring(0, colon).strip();
            String v = line.substring(colon + 1).strip();
            // The board compares header names case-sensitively.
            if (h.equals("Sec-WebSocket-Key")) {
                key = v;
            } else if (h.equals("Connection") && v.contains("Upgrade")) {
                upgrade = true;
            } else if (h.equals("Upgrade") && v.equals("websocket")) {
                websocket = true;
            }
        }
        if (!(upgrade && websocket && key != null)) {
            writeRaw(("HTTP/1.0 200 OK\r\n\r\n<base href=\"http://localhost/webrepl/\"></base>\r\n"
                    + "<script src=\"webrepl_content.js\"></script>\r\n").getBytes(StandardCharsets.US_ASCII));
            return Upgrade.PLAIN_HTTP;
        }
        writeRaw(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return Upgrade.WEBSOCKET;
    }

    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > 8192) {
                throw new IOException("HTTP header line too long");
            }
            line.write(c);
        }
    }

    /**
     * @return the next data frame (text or binary; continuation frames take the type of the message
     *     they continue), or null when the client closed the WebSocket or the TCP connection
     */
    Frame read() throws IOException {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int b1 = readByte();
            int opcode = b0 & 0x0F;
            long len = b1 & 0x7F;
            if (len == 126) {
                len = (readByte() << 8) | readByte();
            } else if (len == 127) {
                // modwebsocket: "unsupported, no way to recover": it closes the socket.
                return null;
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            if (opcode >= CLOSE) {
                if (opcode == 9) {
                    pings.incrementAndGet();
                }
                // modwebsocket hands a control frame's payload to the reader as data, and the frame's type
                // decides: not text, so file-protocol data. The read that takes the last payload byte
                // returns 0 instead (the byte is lost). A close is answered with an empty close frame; it
                // ends the session only when that 0 is the answer to the board's first read (no payload,
                // or one byte), otherwise the session goes on with the bytes in its file request buffer.
                if (opcode == CLOSE) {
                    writeRaw(new byte[] {(byte) 0x88, 0});
                    if (payload.length <= 1) {
                        return null;
                    }
                }
                if (payload.length > 1) {
                    return new Frame(BINARY, java.util.Arrays.copyOf(payload, payload.length - 1));
                }
                continue; // an empty ping or pong: nothing reaches the reader, no pong is sent
            }
            if (opcode == 0) {
                opcode = lastDataOpcode;
            }
            lastDataOpcode = opcode;
            return new Frame(opcode, payload);
        }
    }

    private int readByte() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed inside a frame header");
        }
        return c;
    }

    private void readFully(byte[] b) throws IOException {
        int got = 0;
        while (got < b.length) {
            int n = in.read(b, got, b.length - got);
            if (n < 0) {
                throw new EOFException("connection closed inside a frame");
            }
            got += n;
        }
    }

    /** Sends one unmasked frame; at most 65535 bytes, as the board's writer. */
    synchronized void send(int opcode, byte[] data, int off, int len) throws IOException {
        if (len >= 0x10000) {
            throw new IllegalArgumentException("the board sends frames below 64 KiB");
        }
        byte[] head = len < 126 ? new byte[] {(byte) (0x80 | opcode), (byte) len}
                : new byte[] {(byte) (0x80 | opcode), 126, (byte) (len >> 8), (byte) len};
        out.write(head);
        out.write(data, off, len);
        out.flush();
    }

    private synchronized void writeRaw(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Drops the TCP connection without a close frame, as the board does on errors. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
