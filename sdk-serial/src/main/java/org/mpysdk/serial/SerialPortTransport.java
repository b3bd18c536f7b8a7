package org.mpysdk.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.PortBusyException;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local serial port (USB bridge, native USB, pseudo-terminal) through jSerialComm, 8N1, no flow control.
 *
 * <p>Opening does not pulse DTR or RTS: both are released before the port opens, so an ESP board is
 * not reset (and not put in its bootloader) just because the port was opened.
 *
 * <pre>{@code
 * try (SerialPortTransport port = SerialPortTransport.open("/dev/ttyUSB0", 115200)) { ... }
 * }</pre>
 */
public final class SerialPortTransport extends AbstractTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPortTransport.class);
    /** Longest single native wait; the loop above it keeps one overall deadline and notices close(). */
    private static final int SLICE_MS = 50;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final int EBUSY = 16;
    private static final int EACCES = 13;

    private final SerialPort port;
    private volatile boolean lost;

    private SerialPortTransport(String name, SerialPort port) {
        super(name);
        this.port = port;
    }

    /**
     * @param name a device path or name: {@code /dev/ttyUSB0}, {@code /dev/pts/3}, {@code COM3}
     * @param baud the line rate, 8N1
     * @return the open port
     * @throws PortNotFoundException when no such port exists (the message lists those that do)
     * @throws PortBusyException when another program holds it
     */
    public static SerialPortTransport open(String name, int baud) throws IOException {
        if (name.startsWith("/") && !Files.exists(Path.of(name))) {
            throw notFound(name);
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(name);
        } catch (SerialPortInvalidPortException e) {
            throw notFound(name);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        // Applied at open time: keep EN and IO0 where they are (no reset on open).
        port.clearDTR();
        port.clearRTS();
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                SLICE_MS, (int) WRITE_TIMEOUT.toMillis());
        if (!port.openPort()) {
            int errno = port.getLastErrorCode();
            Path device = Path.of(name);
            // jSerialComm takes an exclusive lock; when it fails on a device we may read and write, the
            // port is held elsewhere (its error code is not always EBUSY, so the file test decides).
            boolean heldElsewhere = errno == EBUSY || name.startsWith("/") && Files.isReadable(device)
                    && Files.isWritable(device) && errno != EACCES;
            if (heldElsewhere) {
                throw new PortBusyException(name + " is busy: another program (a serial monitor, an IDE, "
                        + "ModemManager, another Board) has it open; close that program and try again", null);
            }
            if (errno == EACCES) {
                throw new TransportException("no permission to open " + name
                        + ": add your user to the port's group (often 'dialout' or 'uucp') and log in again");
            }
            if (name.startsWith("/") && !Files.exists(Path.of(name))) {
                throw notFound(name);
            }
            throw new TransportException("could not open " + name + " (error " + errno + " at "
                    + port.getLastErrorLocation() + "); check that it is a serial port and not in use");
        }
        port.flushIOBuffers();
        LOG.debug("opened {} at {} baud", name, baud);
        return new SerialPortTransport(name, port);
    }

    private static PortNotFoundException notFound(String name) {
        var names = SerialPorts.names();
        return new PortNotFoundException("no serial port " + name + "; ports on this machine: "
                + (names.isEmpty() ? "none (is the board plugged in, and its USB driver installed?)" : String.join(", ", names)));
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        Deadline deadline = Deadline.after(Duration.ofMillis(timeoutMillis));
        do {
            int n = port.readBytes(buf, len, off);
            if (n > 0) {
                return n;
            }
            if (n < 0 || lost || !isOpen()) {
                throw closed("read");
            }
        } while (!deadline.expired());
        return 0;
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        Deadline deadline = Deadline.after(WRITE_TIMEOUT);
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(data, len - done, off + done);
            if (n < 0 || !isOpen()) {
                throw closed("write");
            }
            done += n;
            if (n == 0 && deadline.expired()) {
                lost = true;
                throw new OperationTimeoutException("writing to " + name() + " stalled for " + WRITE_TIMEOUT.toSeconds()
                        + " s with " + (len - done) + " bytes left: the device is not reading (unplugged, or flow control?)",
                        WRITE_TIMEOUT);
            }
        }
    }

    private TransportClosedException closed(String what) {
        lost = true;
        return new TransportClosedException(name() + " went away during " + what
                + (isOpen() ? " (unplugged, or the other end closed)" : " (closed)"));
    }

    @Override
    public void discardInput() throws IOException {
        super.discardInput();
        port.flushIOBuffers();
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        Deadline deadline = Deadline.after(WRITE_TIMEOUT);
        // Wait for the driver to send what is queued, so a baud change or reset does not cut it off.
        while (port.bytesAwaitingWrite() > 0 && !deadline.expired()) {
            LockSupport.parkNanos(200_000);
        }
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        ensureOpen();
        if (!port.setBaudRate(baud)) {
            throw new TransportException(name() + " refused baud rate " + baud + ": the adapter may not support it");
        }
    }

    @Override
    public int baudRate() {
        return port.getBaudRate();
    }

    @Override
    public void setControlLines(boolean dtr, boolean rts) throws IOException {
        ensureOpen();
        // One ioctl where the driver allows, which the "unix tight" reset relies on.
        if (!port.setDTRandRTS(dtr, rts)) {
            super.setControlLines(dtr, rts);
        }
    }

    @Override
    public void setDtr(boolean dtr) throws IOException {
        ensureOpen();
        boolean ok = dtr ? port.setDTR() : port.clearDTR();
        if (!ok) {
            LOG.debug("{} ignored DTR={} (a pty or an adapter without the line)", name(), dtr);
        }
    }

    @Override
    public void setRts(boolean rts) throws IOException {
        ensureOpen();
        boolean ok = rts ? port.setRTS() : port.clearRTS();
        if (!ok) {
            LOG.debug("{} ignored RTS={} (a pty or an adapter without the line)", name(), rts);
        }
    }

    @Override
    public boolean hasControlLines() {
        return !name().startsWith("/dev/pts/");
    }

    /**
     * @return the USB-serial bridge behind this port, recognised by USB VID:PID, if any; the bootloader
     *     uses it to pick the right reset sequence (the chip's own USB needs its own)
     */
    public Optional<UsbBridge> bridge() {
        Optional<UsbBridge> direct = UsbBridge.of(port.getVendorID(), port.getProductID());
        if (direct.isPresent()) {
            return direct;
        }
        // A port opened by path may not carry its USB ids; the enumeration does.
        return SerialPorts.list().stream().filter(p -> p.systemName().equals(name())).findFirst()
                .flatMap(SerialPortInfo::bridge);
    }

    @Override
    protected void closeRaw() {
        port.closePort();
    }
}
