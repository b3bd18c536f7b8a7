package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.Transport;
import org.mpysdk.serial.esp.protocol.CommandPacket;
import org.mpysdk.serial.esp.protocol.EspProtocolException;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.ResponsePacket;
import org.mpysdk.serial.esp.protocol.Slip;
import org.mpysdk.serial.esp.protocol.SlipDecoder;

/**
 * The host side of the protocol, written plainly for tests of the virtual chip (not the SDK's flasher):
 * send a command, collect frames, and keep whatever arrived outside frames.
 */
final class EspTestHost implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(3);
    static final byte[] SYNC_DATA = syncData();

    private final Transport transport;
    private final SlipDecoder decoder = new SlipDecoder();
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    EspTestHost(Transport transport) {
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    void send(Opcode op, byte[] data) throws IOException {
        send(op, data, 0);
    }

    void send(Opcode op, byte[] data, int checksum) throws IOException {
        transport.write(Slip.encode(new CommandPacket(op, checksum, data).encode()));
    }

    /** Sends a packet whose bytes the test built itself (unknown opcodes, bad sizes). */
    void sendPacket(byte[] packet) throws IOException {
        transport.write(Slip.encode(packet));
    }

    /** @return the next frame, or null when none arrives within {@code timeout} */
    byte[] nextFrame(Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        byte[] buf = new byte[4096];
        while (frames.isEmpty()) {
            if (deadline.expired()) {
                return null;
            }
            int n = transport.read(buf, 0, buf.length, Duration.ofMillis(Math.max(1, deadline.remainingMillis())));
            raw.write(buf, 0, n);
            for (int i = 0; i < n; i++) {
                try {
                    frames.addAll(decoder.feed(buf, i, 1));
                } catch (EspProtocolException e) {
                    // a garbled frame: skipped, like a real host would after a timeout
                }
            }
        }
        return frames.poll();
    }

    /** @return the next frame that is a response to {@code op} (other responses and data frames are skipped) */
    ResponsePacket response(Opcode op, Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        while (!deadline.expired()) {
            byte[] f = nextFrame(Duration.ofMillis(Math.max(1, deadline.remainingMillis())));
            if (f == null) {
                return null;
            }
            if (f.length >= 8 && f[0] == 0x01 && (f[1] & 0xFF) == op.code()) {
                return ResponsePacket.decode(f);
            }
        }
        return null;
    }

    /** Sends a command and returns its response (fails the test if none comes). */
    ResponsePacket command(Opcode op, byte[] data) throws IOException {
        return command(op, data, 0);
    }

    ResponsePacket command(Opcode op, byte[] data, int checksum) throws IOException {
        send(op, data, checksum);
        ResponsePacket r = response(op, WAIT);
        assertNotNull(r, "no response to " + op);
        return r;
    }

    /** Sends a *_DATA command with the right checksum. */
    ResponsePacket dataBlock(Opcode op, byte[] block, int seq) throws IOException {
        return command(op, dataPayload(block, seq), CommandPacket.checksumOf(block, 0, block.length));
    }

    static byte[] dataPayload(byte[] block, int seq) {
        ByteBuffer b = ByteBuffer.allocate(16 + block.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(block.length).putInt(seq).putInt(0).putInt(0).put(block);
        return b.array();
    }

    /** SYNC, then collects every SYNC answer that arrives within a short time. */
    List<ResponsePacket> sync() throws IOException {
        send(Opcode.SYNC, SYNC_DATA);
        List<ResponsePacket> answers = new ArrayList<>();
        ResponsePacket r;
        while ((r = response(Opcode.SYNC, answers.isEmpty() ? WAIT : Duration.ofMillis(300))) != null) {
            answers.add(r);
        }
        return answers;
    }

    /**
     * Uploads a small RAM program with its entry inside it, starts it, and checks the OHAI greeting:
     * what a flasher does with a stub. VirtualEsp treats any such program as the stub.
     */
    void uploadStub() throws IOException {
        byte[] text = new byte[0x1900];
        Arrays.fill(text, (byte) 0x5A);
        int addr = 0x40090000;
        int block = 0x1800;
        int blocks = (text.length + block - 1) / block;
        assertEquals(0, command(Opcode.MEM_BEGIN, words(text.length, blocks, block, addr)).status(statusLength()));
        for (int seq = 0; seq < blocks; seq++) {
            byte[] chunk = Arrays.copyOfRange(text, seq * block, Math.min(text.length, (seq + 1) * block));
            assertEquals(0, dataBlock(Opcode.MEM_DATA, chunk, seq).status(statusLength()));
        }
        assertEquals(0, command(Opcode.MEM_END, words(0, addr + 4)).status(statusLength()));
        byte[] ohai = nextFrame(WAIT);
        assertNotNull(ohai, "no OHAI from the stub");
        assertEquals("OHAI", new String(ohai, StandardCharsets.US_ASCII));
        stub = true;
    }

    private boolean stub;
    private int romStatusLength = 4;

    EspTestHost romStatusLength(int n) {
        romStatusLength = n;
        return this;
    }

    int statusLength() {
        return stub ? 2 : romStatusLength;
    }

    /** @return everything received so far, frames and noise */
    byte[] received() {
        return raw.toByteArray();
    }

    /** @return the bytes that arrived outside SLIP frames (boot text, application output) */
    String noise() {
        return new String(decoder.noise(), StandardCharsets.ISO_8859_1);
    }

    /** Reads for {@code quiet} and returns what arrived, as text. */
    String readText(Duration quiet) throws IOException {
        byte[] buf = new byte[4096];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deadline deadline = Deadline.after(quiet);
        while (!deadline.expired()) {
            int n = transport.read(buf, 0, buf.length, Duration.ofMillis(Math.max(1, deadline.remainingMillis())));
            out.write(buf, 0, n);
        }
        raw.writeBytes(out.toByteArray());
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] words(int... w) {
        ByteBuffer b = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : w) {
            b.putInt(x);
        }
        return b.array();
    }

    static int u32(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] syncData() {
        byte[] d = new byte[36];
        d[0] = 0x07;
        d[1] = 0x07;
        d[2] = 0x12;
        d[3] = 0x20;
        Arrays.fill(d, 4, 36, (byte) 0x55);
        return d;
    }

    @Override
    public void close() {
        transport.close();
    }
}
