package org.mpysdk.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;

/**
 * {@code socket://host:port}: the board's serial line carried raw over TCP, as esptool accepts for remote
 * boards and emulators (ser2net in raw mode, QEMU's {@code -serial tcp:}, a virtual ESP). There are no
 * control lines and no line rate: baud and DTR/RTS calls are accepted and ignored.
 */
public final class SocketTransport extends AbstractTransport {
    /** Time allowed to establish the TCP connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SocketTransport(String name, Socket socket) throws IOException {
        super(name);
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * @param name the port string, for messages
     * @param host the host name or address of a raw TCP serial bridge
     * @param port its TCP port
     * @return the connected transport (no control lines, no line rate)
     * @throws PortNotFoundException when nothing listens there or the host is unknown
     */
    public static SocketTransport connect(String name, String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return new SocketTransport(name, socket);
        } catch (UnknownHostException e) {
            socket.close();
            throw new PortNotFoundException("unknown host '" + host + "' in " + name + "; check the name or use an IP address");
        } catch (ConnectException e) {
            socket.close();
            throw new PortNotFoundException("nothing listens at " + host + ":" + port + " (" + e.getMessage()
                    + "); start the server (ser2net, the emulator) or check the port number");
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new TransportException("no answer from " + host + ":" + port + " within "
                    + CONNECT_TIMEOUT.toSeconds() + " s; check the address and any firewall", e);
        }
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            int n = in.read(buf, off, len);
            if (n < 0) {
                throw new TransportClosedException(name() + ": the other end closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (TransportClosedException e) {
            throw e;
        } catch (IOException e) {
            throw new TransportClosedException(name() + ": connection lost during read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        try {
            out.write(data, off, len);
        } catch (IOException e) {
            throw new TransportClosedException(name() + ": connection lost during write (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    @Override
    protected void closeRaw() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to report to
        }
    }
}
