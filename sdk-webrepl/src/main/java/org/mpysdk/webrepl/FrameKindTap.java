package org.mpysdk.webrepl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.SocketFactory;

/**
 * Lets OkHttp hand over WebREPL text frames as raw bytes.
 *
 * <p>Why: the board writes raw terminal bytes into text frames without regard to UTF-8 (the raw-paste
 * window {@code \x80\x00}, any program output). OkHttp decodes every text frame with Okio's UTF-8
 * decoder, which replaces each malformed sequence with U+FFFD, and offers no way to get the payload
 * bytes of a text frame. This tap sits under OkHttp on a plain ({@code ws://}) socket: after the HTTP
 * upgrade response it follows the server's frame headers and turns each text frame's opcode (1) into
 * binary (2) before OkHttp reads it, noting the original kind in {@link #kinds()}. OkHttp then delivers
 * every data message as bytes, in order, and the listener takes the kinds from the queue in the same
 * order. Only one header byte per message changes; lengths and payloads pass through untouched.
 *
 * <p>Not for {@code wss://}: there the bytes under OkHttp are TLS records; that case falls back to
 * decoded text (see {@link WebReplTransport#byteExact()}) and the factory only sets TCP_NODELAY and
 * prompt ACKs.
 *
 * <p>Every socket also acknowledges the board's segments at once ({@link PromptAcks}): without that, the
 * board's Nagle algorithm and the client's delayed ACKs cost about 40 ms per exchange.
 */
final class FrameKindTap extends SocketFactory {
    /** Kind of each data message, in arrival order: true for text. */
    private final Queue<Boolean> kinds = new ConcurrentLinkedQueue<>();
    private final boolean retype;
    private volatile TappedSocket last;

    /**
     * @param retype whether to switch text frames to binary (only on a plain socket: under TLS the
     *     bytes here are encrypted records); either way sockets get TCP_NODELAY
     */
    FrameKindTap(boolean retype) {
        this.retype = retype;
    }

    /** @return whether text frames are switched to binary, so their bytes reach the listener exactly */
    boolean retypes() {
        return retype;
    }

    /** @return the kinds of data messages seen so far and not yet taken; true = text */
    Queue<Boolean> kinds() {
        return kinds;
    }

    @Override
    public Socket createSocket() throws IOException {
        TappedSocket s = new TappedSocket(retype ? kinds : null);
        last = s;
        // Paced REPL input must leave as paced frames: without this, Nagle's algorithm holds a small frame
        // back until the previous one is acknowledged and then sends several at once, which overruns the
        // board's input buffer just as an unpaced burst would.
        s.setTcpNoDelay(true);
        return s;
    }

    /**
     * @return the frames going to the board on the latest socket, or null before OkHttp asked for its
     *     output stream (nothing has been sent yet)
     */
    OutboundFrames outbound() {
        TappedSocket s = last;
        return s == null ? null : s.outbound();
    }

    /**
     * After the board answered our close frame (OkHttp reads no further then), reads the socket until
     * the board closes its end, so that the caller knows the board has let the session go.
     *
     * @param millis the longest wait
     * @return whether the board closed the connection in time
     */
    boolean awaitBoardClosed(long millis) {
        TappedSocket s = last;
        return s != null && s.awaitEndOfStream(millis);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    /**
     * A plain socket whose input arms prompt ACKs after each read and, when {@code kinds} is given,
     * passes through a {@link Retyper}.
     */
    private static final class TappedSocket extends Socket {
        private final Queue<Boolean> kinds;
        private final PromptAcks acks = new PromptAcks(this);
        private InputStream tapped;
        private OutboundFrames outbound;

        TappedSocket(Queue<Boolean> kinds) {
            this.kinds = kinds;
        }

        synchronized OutboundFrames outbound() {
            return outbound;
        }

        boolean awaitEndOfStream(long millis) {
            try {
                InputStream raw = super.getInputStream();
                long end = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
                byte[] sink = new byte[512];
                while (true) {
                    long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                    if (raw.read(sink) < 0) {
                        return true;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset or closed: the connection is gone either way
            }
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (outbound == null) {
                outbound = new OutboundFrames(super.getOutputStream());
            }
            return outbound;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (tapped == null) {
                InputStream acked = acks.wrap(super.getInputStream());
                tapped = kinds == null ? acked : new Retyper(acked, kinds);
            }
            return tapped;
        }
    }

    /**
     * Follows the byte stream from the server: HTTP response head, then WebSocket frames (RFC 6455
     * section 5.2), rewriting the opcode of text frames to binary.
     */
    static final class Retyper extends FilterInputStream {
        private final Queue<Boolean> kinds;
        private final FrameScanner frames = new FrameScanner(this::retype);

        Retyper(InputStream in, Queue<Boolean> kinds) {
            super(in);
            this.kinds = kinds;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c < 0) {
                return c;
            }
            byte[] one = {(byte) c};
            process(one, 0, 1);
            return one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                process(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would escape the parser; read them instead.
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int r = read(sink, 0, sink.length);
            return Math.max(r, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Advances the parser over {@code b[off, off+n)}, rewriting opcodes in place. */
        void process(byte[] b, int off, int n) {
            frames.scan(b, off, n);
        }

        /** Text frames become binary, and each frame's kind is queued for the reader. */
        private byte retype(byte first) {
            int opcode = first & 0x0F;
            if (opcode == 1) {
                kinds.add(Boolean.TRUE);
                return (byte) ((first & 0xF0) | 2);
            }
            if (opcode == 2) {
                kinds.add(Boolean.FALSE);
            }
            return first;
        }
    }
}
