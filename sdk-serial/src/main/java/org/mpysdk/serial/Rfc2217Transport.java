package org.mpysdk.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.net.telnet.InvalidTelnetOptionException;
import org.apache.commons.net.telnet.SimpleOptionHandler;
import org.apache.commons.net.telnet.TelnetClient;
import org.apache.commons.net.telnet.TelnetOption;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rfc2217://host:port}: a serial port on another machine, served by ser2net or esptool's
 * {@code esp_rfc2217_server}, with baud rate, DTR/RTS and purge carried by Telnet's COM-PORT-OPTION.
 *
 * <p>Baud changes wait for the server's acknowledgement; DTR/RTS commands are sent without waiting,
 * since servers do not acknowledge them when the far port lacks the lines.
 */
public final class Rfc2217Transport extends AbstractTransport {
    private static final Logger LOG = LoggerFactory.getLogger(Rfc2217Transport.class);
    private static final Duration NEGOTIATION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);
    /** How often a read looks for data from the Telnet reader thread; bounds the added latency. */
    private static final long POLL_NANOS = 200_000;

    private final TelnetClient telnet;
    private final ComPortOption comPort;
    private final InputStream in;
    private final OutputStream out;
    private volatile int baud;

    private Rfc2217Transport(String name, TelnetClient telnet, ComPortOption comPort) {
        super(name);
        this.telnet = telnet;
        this.comPort = comPort;
        this.in = telnet.getInputStream();
        this.out = telnet.getOutputStream();
    }

    /**
     * Connects, negotiates COM-PORT-OPTION and binary mode, then sets the line to {@code baud} 8N1.
     *
     * @param name the port string, for messages
     * @param host the RFC 2217 server (ser2net, esp_rfc2217_server)
     * @param port its TCP port
     * @param baud the line rate the server should set on the real port
     * @return the open transport, with control lines forwarded to the server
     * @throws PortNotFoundException when nothing listens there
     * @throws TransportException when the server does not speak RFC 2217
     */
    public static Rfc2217Transport connect(String name, String host, int port, int baud) throws IOException {
        TelnetClient telnet = new TelnetClient();
        ComPortOption comPort = new ComPortOption();
        try {
            telnet.addOptionHandler(comPort);
            telnet.addOptionHandler(new SimpleOptionHandler(TelnetOption.BINARY, true, true, true, true));
            telnet.addOptionHandler(new SimpleOptionHandler(TelnetOption.SUPPRESS_GO_AHEAD, true, true, true, true));
        } catch (InvalidTelnetOptionException e) {
            throw new IllegalStateException(e);
        }
        telnet.setConnectTimeout((int) SocketTransport.CONNECT_TIMEOUT.toMillis());
        try {
            telnet.connect(host, port);
            telnet.setTcpNoDelay(true);
        } catch (UnknownHostException e) {
            throw new PortNotFoundException("unknown host '" + host + "' in " + name);
        } catch (ConnectException e) {
            throw new PortNotFoundException("nothing listens at " + host + ":" + port + " (" + e.getMessage()
                    + "); start the RFC 2217 server (ser2net, esp_rfc2217_server) or check the port number");
        }
        Rfc2217Transport t = new Rfc2217Transport(name, telnet, comPort);
        try {
            t.awaitNegotiation();
            t.setBaudRate(baud);
            t.command(ComPortOption.SET_DATASIZE, new int[] {8}, true);
            t.command(ComPortOption.SET_PARITY, new int[] {1}, true);
            t.command(ComPortOption.SET_STOPSIZE, new int[] {1}, true);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void awaitNegotiation() throws IOException {
        Deadline deadline = Deadline.after(NEGOTIATION_TIMEOUT);
        while (!telnet.getLocalOptionState(ComPortOption.OPTION) || !telnet.getLocalOptionState(TelnetOption.BINARY)) {
            if (deadline.expired()) {
                throw new TransportException(name() + " did not agree to RFC 2217 COM-PORT-OPTION within "
                        + NEGOTIATION_TIMEOUT.toSeconds() + " s: is it a raw TCP port? Then use socket://" + name().replaceFirst("^[a-z0-9]+://", ""));
            }
            pause();
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException("RFC 2217 negotiation interrupted");
        }
    }

    /** Sends a COM-PORT-OPTION command; when {@code await}, waits for the server's reply and returns its value. */
    private int[] command(int command, int[] value, boolean await) throws IOException {
        ensureOpen();
        int[] message = new int[2 + value.length];
        message[0] = ComPortOption.OPTION;
        message[1] = command;
        System.arraycopy(value, 0, message, 2, value.length);
        ComPortOption.Reply reply = await ? comPort.expect(command) : null;
        telnet.sendSubnegotiation(message);
        if (reply == null) {
            return null;
        }
        try {
            int[] answer = reply.await(REPLY_TIMEOUT.toMillis());
            if (answer == null) {
                throw new TransportException(name() + " did not acknowledge RFC 2217 command " + command
                        + " within " + REPLY_TIMEOUT.toSeconds() + " s");
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException("waiting for the RFC 2217 server was interrupted");
        }
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        Deadline deadline = Deadline.after(Duration.ofMillis(timeoutMillis));
        try {
            // Poll the reader thread's queue: its blocking read does not honour a per-call timeout.
            while (in.available() == 0) {
                if (deadline.expired()) {
                    return 0;
                }
                if (!telnet.isConnected()) {
                    throw new TransportClosedException(name() + ": the RFC 2217 server closed the connection");
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            int n = in.read(buf, off, Math.min(len, in.available()));
            if (n < 0) {
                throw new TransportClosedException(name() + ": the RFC 2217 server closed the connection");
            }
            return n;
        } catch (InterruptedIOException e) {
            return 0;
        } catch (TransportClosedException e) {
            throw e;
        } catch (IOException e) {
            throw new TransportClosedException(name() + ": connection lost (" + e.getMessage() + ")", e);
        }
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        try {
            out.write(data, off, len);
            out.flush();
        } catch (IOException e) {
            throw new TransportClosedException(name() + ": connection lost during write (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void discardInput() throws IOException {
        command(ComPortOption.PURGE_DATA, new int[] {ComPortOption.PURGE_BOTH}, false);
        super.discardInput();
    }

    @Override
    public void setBaudRate(int newBaud) throws IOException {
        int[] answer = command(ComPortOption.SET_BAUDRATE,
                new int[] {newBaud >>> 24 & 0xFF, newBaud >>> 16 & 0xFF, newBaud >>> 8 & 0xFF, newBaud & 0xFF}, true);
        int confirmed = answer.length >= 4 ? answer[0] << 24 | answer[1] << 16 | answer[2] << 8 | answer[3] : newBaud;
        if (confirmed != newBaud) {
            LOG.warn("{}: asked for {} baud, server set {}", name(), newBaud, confirmed);
        }
        baud = confirmed;
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    public void setDtr(boolean dtr) throws IOException {
        command(ComPortOption.SET_CONTROL, new int[] {dtr ? ComPortOption.CONTROL_DTR_ON : ComPortOption.CONTROL_DTR_OFF}, false);
    }

    @Override
    public void setRts(boolean rts) throws IOException {
        command(ComPortOption.SET_CONTROL, new int[] {rts ? ComPortOption.CONTROL_RTS_ON : ComPortOption.CONTROL_RTS_OFF}, false);
    }

    @Override
    public boolean hasControlLines() {
        return true;
    }

    @Override
    protected void closeRaw() {
        try {
            telnet.disconnect();
        } catch (IOException ignored) {
            // closing: nothing left to report to
        }
    }
}
