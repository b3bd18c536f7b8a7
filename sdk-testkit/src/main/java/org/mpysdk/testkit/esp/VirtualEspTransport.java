package org.mpysdk.testkit.esp;

import java.io.IOException;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.TransportClosedException;

/**
 * The host's end of an in-process link to a {@link VirtualEsp}: a {@link org.mpysdk.core.Transport}
 * whose DTR and RTS drive the chip's EN and IO0 through the usual auto-reset circuit, and whose baud rate
 * must follow the chip's (after CHANGE_BAUDRATE) or bytes arrive garbled, as on a real wire.
 *
 * <pre>{@code
 * VirtualEsp esp = VirtualEsp.create("esp32");
 * try (VirtualEspTransport t = esp.openTransport()) {
 *     t.setControlLines(false, true);   // EN low
 *     t.setControlLines(true, false);   // EN high, IO0 low: the ROM loader starts
 * }
 * }</pre>
 */
public final class VirtualEspTransport extends AbstractTransport {
    private final VirtualEsp chip;
    private final BytePipe toChip;
    private final BytePipe toHost;
    private final boolean ownsChip;
    private volatile int baud;

    VirtualEspTransport(VirtualEsp chip, String name, int baud, boolean ownsChip) {
        super(name);
        this.chip = chip;
        this.baud = baud;
        this.ownsChip = ownsChip;
        this.toChip = new BytePipe(name + " (host to chip)");
        this.toHost = new BytePipe(name + " (chip to host)");
    }

    /** @return the chip at the other end, for assertions on its flash and state */
    public VirtualEsp chip() {
        return chip;
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        int n = toHost.read(buf, off, len, timeoutMillis);
        if (n < 0) {
            throw new TransportClosedException(name() + ": the virtual chip closed the link");
        }
        return n;
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        toChip.write(data, off, len);
    }

    @Override
    protected void closeRaw() {
        toChip.close();
        toHost.close();
        if (ownsChip) {
            chip.close();
        }
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        ensureOpen();
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, got " + baud);
        }
        this.baud = baud;
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    public void setControlLines(boolean dtr, boolean rts) throws IOException {
        ensureOpen();
        chip.setControlLines(dtr, rts);
    }

    @Override
    public void setDtr(boolean dtr) throws IOException {
        ensureOpen();
        chip.setControlLines(dtr, chip.rts());
    }

    @Override
    public void setRts(boolean rts) throws IOException {
        ensureOpen();
        chip.setControlLines(chip.dtr(), rts);
    }

    @Override
    public boolean hasControlLines() {
        return true;
    }

    /** @return the chip's end of the pipes */
    ByteEndpoint chipEnd() {
        return new ByteEndpoint() {
            @Override
            public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
                return toChip.read(buf, off, len, timeoutMillis);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                toHost.write(buf, off, len);
            }

            @Override
            public int hostBaud() {
                return baud;
            }

            @Override
            public String describe() {
                return "in-process";
            }

            @Override
            public void close() {
                toChip.close();
                toHost.close();
            }
        };
    }
}
