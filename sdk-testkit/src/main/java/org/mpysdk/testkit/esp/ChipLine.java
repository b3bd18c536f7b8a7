package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.serial.esp.protocol.Slip;
import org.mpysdk.serial.esp.protocol.SlipDecoder;
import org.mpysdk.testkit.esp.FaultPlan.ByteFault;
import org.mpysdk.testkit.esp.FaultPlan.FrameFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chip's UART on one connection: a receive thread that paces incoming bytes at the line rate and
 * decodes SLIP frames into a queue (as the chip's UART interrupt does while the CPU is busy writing
 * flash), and a paced, fault-injecting transmitter. Both directions follow the current baud; when the
 * host's side of the link has a baud rate and it differs from the chip's, bytes arrive garbled in both
 * directions, as they would on a real wire.
 */
final class ChipLine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChipLine.class);
    /** Queue marker: the host went away. */
    static final Object CLOSED = new Object();

    private final ByteEndpoint endpoint;
    private final LineClock clock;
    private final FaultState faults;
    private final boolean paced;
    private final BooleanSupplier heldInReset;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final LinePacer rx;
    private final LinePacer tx;
    private final SlipDecoder decoder = new SlipDecoder();
    private volatile int baud;
    private volatile boolean autoBaud = true;
    private volatile boolean closed;
    private Thread receiver;

    ChipLine(ByteEndpoint endpoint, LineClock clock, FaultState faults, boolean paced, int baud,
            BooleanSupplier heldInReset) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.faults = faults;
        this.paced = paced;
        this.heldInReset = heldInReset;
        this.baud = baud;
        this.rx = new LinePacer(clock, paced ? baud : 0);
        this.tx = new LinePacer(clock, paced ? baud : 0);
    }

    /** Starts the receive thread. */
    void start(String threadName) {
        receiver = new Thread(this::receiveLoop, threadName + "-rx");
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * @return the next decoded frame ({@code byte[]}), a posted event, or null after {@code timeoutMillis}
     * @throws TransportClosedException once the host has gone away
     */
    Object next(long timeoutMillis) throws InterruptedException, TransportClosedException {
        Object item = inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (item == CLOSED || (item == null && closed)) {
            inbox.offer(CLOSED);
            throw new TransportClosedException(endpoint.describe() + " closed");
        }
        return item;
    }

    /** Queues an event (a reset from the control lines) behind the frames already received. */
    void post(Object event) {
        inbox.offer(event);
    }

    /** @return frames received and not yet handled (what waits in the chip's receive buffers) */
    int queuedFrames() {
        return (int) inbox.stream().filter(byte[].class::isInstance).count();
    }

    /** Forgets frames received but not yet handled (a reset empties the chip's UART FIFO). */
    void dropPending() {
        inbox.removeIf(item -> item instanceof byte[]);
    }

    /**
     * Sends one SLIP frame, unless the fault plan drops it or the chip has fallen silent.
     *
     * @param opcode the command it answers, or -1 (OHAI, READ_FLASH data), for frame faults
     */
    void sendFrame(int opcode, byte[] packet) throws IOException, InterruptedException {
        FrameFault fault = faults.onResponse(opcode);
        if (faults.silenceBeforeFrame()) {
            return;
        }
        byte[] out = packet;
        if (fault != null) {
            switch (fault.action()) {
                case DROP -> {
                    LOG.debug("fault plan: dropping response {} to opcode 0x{}", fault.nth(), Integer.toHexString(opcode));
                    return;
                }
                case CORRUPT -> {
                    out = packet.clone();
                    out[0] = (byte) ~out[0];
                }
                case DELAY -> clock.sleep(fault.delay().toNanos());
                default -> throw new IllegalStateException("unknown frame fault " + fault.action());
            }
        }
        writePaced(Slip.encode(out), effectiveBaud());
    }

    /** Sends raw text (boot messages, an application's output) as if printed at {@code textBaud}. */
    void sendText(byte[] text, int textBaud) throws IOException, InterruptedException {
        if (faults.isSilent() || text.length == 0) {
            return;
        }
        writePaced(text, textBaud);
    }

    /** Switches both directions to {@code newBaud} (after CHANGE_BAUDRATE); the chip stops auto-bauding. */
    void setBaud(int newBaud) {
        baud = newBaud;
        autoBaud = false;
        if (paced) {
            rx.setBaud(newBaud);
            tx.setBaud(newBaud);
        }
    }

    /** After a reset the ROM auto-bauds again from the host's SYNC, starting at {@code initialBaud}. */
    void resetBaud(int initialBaud) {
        setBaud(initialBaud);
        autoBaud = true;
    }

    /** @return the rate the chip's UART runs at: the host's rate while auto-bauding, else the set rate */
    int effectiveBaud() {
        int host = endpoint.hostBaud();
        return autoBaud && host > 0 ? host : baud;
    }

    /** @return whether the host went away or the line was closed */
    boolean isClosed() {
        return closed;
    }

    /** @return the link's description */
    String describe() {
        return endpoint.describe();
    }

    @Override
    public void close() {
        closed = true;
        endpoint.close();
        inbox.offer(CLOSED);
        if (receiver != null) {
            receiver.interrupt();
        }
    }

    private boolean garbled(int chipBaud) {
        int host = endpoint.hostBaud();
        return host > 0 && chipBaud > 0 && host != chipBaud;
    }

    private static void garble(byte[] b, int off, int len) {
        // A receiver at the wrong rate samples the wrong bits: a deterministic scramble stands in for that.
        for (int i = off; i < off + len; i++) {
            b[i] = (byte) ((b[i] * 0x9D + 0x3B) ^ 0xA5);
        }
    }

    private void writePaced(byte[] data, int atBaud) throws IOException, InterruptedException {
        boolean scramble = garbled(atBaud);
        int chunk = Math.max(16, effectiveBaud() / 10 / 200);
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            byte[] piece = java.util.Arrays.copyOfRange(data, off, off + n);
            List<ByteFault> hits = faults.outgoing(n);
            piece = applyByteFaults(piece, hits);
            if (scramble) {
                garble(piece, 0, piece.length);
            }
            if (paced) {
                tx.pace(n);
            }
            endpoint.write(piece, 0, piece.length);
        }
    }

    private byte[] applyByteFaults(byte[] piece, List<ByteFault> hits) throws InterruptedException {
        if (hits.isEmpty()) {
            return piece;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(piece.length);
        for (int i = 0; i < piece.length; i++) {
            byte b = piece[i];
            boolean keep = true;
            for (ByteFault f : hits) {
                if (f.index() == i) {
                    switch (f.action()) {
                        case DROP -> keep = false;
                        case CORRUPT -> b = (byte) ~b;
                        case DELAY -> clock.sleep(f.delay().toNanos());
                        default -> throw new IllegalStateException("unknown byte fault " + f.action());
                    }
                }
            }
            if (keep) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private void receiveLoop() {
        byte[] buf = new byte[4096];
        try {
            while (!closed) {
                int n = endpoint.read(buf, 0, buf.length, 100);
                if (n < 0) {
                    break;
                }
                int slice = Math.max(16, effectiveBaud() / 10 / 200);
                for (int off = 0; off < n; off += slice) {
                    int len = Math.min(slice, n - off);
                    byte[] piece = applyByteFaults(java.util.Arrays.copyOfRange(buf, off, off + len), faults.incoming(len));
                    if (paced) {
                        rx.pace(len);
                    }
                    if (garbled(effectiveBaud())) {
                        garble(piece, 0, piece.length);
                    }
                    if (heldInReset.getAsBoolean()) {
                        continue;
                    }
                    feed(piece);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("virtual ESP line {} ended: {}", endpoint.describe(), e.toString());
        } finally {
            closed = true;
            inbox.offer(CLOSED);
        }
    }

    private void feed(byte[] piece) {
        // The ROM's UART driver drops a broken frame and waits for the next delimiter; so does feedTolerant.
        List<byte[]> frames = new java.util.ArrayList<>(1);
        int dropped = decoder.feedTolerant(piece, 0, piece.length, frames);
        if (dropped > 0) {
            LOG.debug("virtual ESP dropped {} malformed frame(s)", dropped);
        }
        frames.forEach(inbox::offer);
    }
}
