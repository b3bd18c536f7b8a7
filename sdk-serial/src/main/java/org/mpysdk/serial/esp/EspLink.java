package org.mpysdk.serial.esp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.serial.esp.protocol.CommandPacket;
import org.mpysdk.serial.esp.protocol.EspProtocolException;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.Slip;
import org.mpysdk.serial.esp.protocol.SlipDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command/response layer of the ESP bootloader protocol over one {@link Transport}: frames
 * commands with SLIP, reads frames as they arrive in any split, matches responses to commands
 * (skipping stray SYNC replies, as esptool does), and checks status bytes. Every wait has a deadline
 * and observes the scope's cancellation.
 *
 * <pre>{@code
 * EspLink link = new EspLink(transport, OperationScope.none());
 * int magic = link.readReg(0x40001000L);
 * }</pre>
 *
 * <p>Not thread-safe: one thread drives a link.
 */
public final class EspLink {
    private static final Logger LOG = LoggerFactory.getLogger(EspLink.class);
    /** esptool reads at most this many frames looking for the matching response. */
    private static final int MAX_SKIPPED_FRAMES = 100;
    private static final int RECENT_KEPT = 256;
    private static final int INVALID_MESSAGE = 0x05;

    private final Transport transport;
    private final OperationScope scope;
    private final double timeoutScale;
    /** The scope of the operation under way (its token fixed at its start), or null between operations. */
    private OperationScope pinned;
    private final SlipDecoder decoder = new SlipDecoder();
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[16 * 1024];
    private final byte[] recent = new byte[RECENT_KEPT];
    private int recentLength;
    private long bytesReceived;
    private long responsesReceived;
    private long corruptFrames;

    /**
     * A response as it came: the echoed opcode byte, the value word, and the data including status bytes.
     *
     * @param opcode the opcode byte
     * @param value the value word (READ_REG's result; SYNC's ROM/stub hint)
     * @param data payload and status bytes
     */
    public record Reply(int opcode, int value, byte[] data) {
        /**
         * @param at index into {@link #data()}; status bytes follow the command's result bytes
         * @return the status byte at {@code at}, or 0xFF when the data is shorter
         */
        public int statusAt(int at) {
            return at < data.length ? data[at] & 0xFF : 0xFF;
        }
    }

    /**
     * @param transport the link to the chip; not closed by this class
     * @param scope where cancellation comes from
     */
    public EspLink(Transport transport, OperationScope scope) {
        this(transport, scope, 1);
    }

    /**
     * @param transport the link to the chip; not closed by this class
     * @param scope where cancellation comes from
     * @param timeoutScale what every timeout given to {@link #await} and {@link #readFrame} (and passed
     *     through {@link #scaled}) is multiplied by; see {@link org.mpysdk.core.flash.ConnectOptions#withTimeoutScale}
     * @throws IllegalArgumentException when the scale is not above 0
     */
    public EspLink(Transport transport, OperationScope scope, double timeoutScale) {
        if (!(timeoutScale > 0)) {
            throw new IllegalArgumentException("timeout scale must be above 0, got " + timeoutScale);
        }
        this.transport = transport;
        this.scope = scope;
        this.timeoutScale = timeoutScale;
    }

    /**
     * @param timeout one of esptool's timeouts (see {@link Timeouts})
     * @return it multiplied by this link's timeout scale; at most {@link Timeouts#MAX} times the scale
     */
    public Duration scaled(Duration timeout) {
        Duration capped = timeout.compareTo(Timeouts.MAX) > 0 ? Timeouts.MAX : timeout;
        return timeoutScale == 1 ? capped : Duration.ofNanos((long) Math.ceil(capped.toNanos() * timeoutScale));
    }

    /** @return the underlying transport */
    public Transport transport() {
        return transport;
    }

    /** @return the progress and cancellation scope: the running operation's, see {@link #operation()} */
    public OperationScope scope() {
        OperationScope p = pinned;
        return p != null ? p : scope;
    }

    /** One operation on the link; closing it ends the operation. */
    public interface Operation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts an operation: until it is closed, {@link #scope()} observes the cancellation token that is
     * current now, so a cancel meant for this operation reaches it even after the board handed out a fresh
     * token for the next one. Nested calls join the operation already under way.
     *
     * <pre>{@code
     * try (EspLink.Operation op = link.operation()) { ... }
     * }</pre>
     *
     * @return the operation, to close when it ends
     */
    public Operation operation() {
        if (pinned != null) {
            return () -> { };
        }
        pinned = scope.pinned();
        return () -> pinned = null;
    }

    /**
     * Sends one command without waiting for its response.
     *
     * @param op the command
     * @param data the command's payload
     * @param checksum the checksum word; only the data-carrying commands (FLASH_DATA, MEM_DATA,
     *     FLASH_DEFL_DATA) use it, others send 0
     * @throws IOException when the transport fails
     */
    public void send(Opcode op, byte[] data, int checksum) throws IOException {
        sendFrame(new CommandPacket(op, checksum, data).encode());
    }

    /**
     * Sends {@code payload} as one SLIP frame (commands, and the READ_FLASH acknowledgements).
     *
     * @param payload the unframed bytes; SLIP escaping is applied here
     * @throws IOException when the transport fails
     */
    public void sendFrame(byte[] payload) throws IOException {
        byte[] framed = Slip.encode(payload);
        transport.write(framed, 0, framed.length);
    }

    /**
     * Waits for the response to {@code op}, skipping responses to other commands.
     *
     * @param op the command whose response is awaited
     * @param unscaled how long the response may take, before this link's timeout scale; capped at {@link Timeouts#MAX}
     * @param what the operation, for messages
     * @return the matching response, status not yet checked
     * @throws OperationTimeoutException when no matching response arrives in time
     * @throws UnsupportedCommandException when the ROM answers "invalid message" under another opcode
     * @throws EspProtocolException when 100 frames pass without the matching response
     * @throws IOException when the transport fails or the scope is cancelled
     */
    public Reply await(Opcode op, Duration unscaled, String what) throws IOException {
        Duration timeout = scaled(unscaled);
        Deadline deadline = Deadline.after(timeout);
        long before = bytesReceived;
        for (int skipped = 0; skipped < MAX_SKIPPED_FRAMES; ) {
            Optional<byte[]> frame = nextFrame(deadline);
            if (frame.isEmpty()) {
                String noAnswer = "no answer to " + op + " (" + what + ") from " + transport.name() + " within "
                        + timeout.toMillis() + " ms";
                Optional<String> boot = bootMessageSince(before);
                if (boot.isPresent()) {
                    throw new ChipResetException(noAnswer + ": the chip reset and printed its boot message ("
                            + boot.get() + "). A brown-out (a weak USB port, cable or supply), a watchdog or the reset "
                            + "line did it; the stub and the baud rate are lost: connect again", timeout, boot.get());
                }
                throw new OperationTimeoutException(noAnswer + heardSince(before), timeout);
            }
            Optional<Reply> reply = parse(frame.get());
            if (reply.isEmpty()) {
                skipped++;
                continue;
            }
            Reply r = reply.get();
            if (r.opcode() == op.code()) {
                return r;
            }
            if (r.data().length >= 2 && r.statusAt(0) != 0 && r.statusAt(1) == INVALID_MESSAGE) {
                // The ROM repeats this reply several times: let the rest arrive and drop it.
                drain(Duration.ofMillis(50), Duration.ofMillis(300));
                throw new UnsupportedCommandException(what, op.code());
            }
            skipped++;
        }
        throw new EspProtocolException("no response to " + op + " (" + what + ") among " + MAX_SKIPPED_FRAMES
                + " frames from " + transport.name());
    }

    /**
     * Sends a command and waits for its response, without checking the status.
     *
     * @param what the operation, for messages
     * @param op the command
     * @param data the command's payload
     * @param checksum the checksum word (0 for commands without data)
     * @param timeout how long the response may take
     * @return the matching response
     * @throws IOException as {@link #await}
     */
    public Reply command(String what, Opcode op, byte[] data, int checksum, Duration timeout) throws IOException {
        send(op, data, checksum);
        return await(op, timeout, what);
    }

    /**
     * Sends a command, waits for its response and checks the status bytes, which sit right after the
     * command's {@code resultLength} payload bytes (esptool's rule, which fits 2- and 4-byte status alike).
     *
     * @param what the operation, for messages
     * @param op the command
     * @param data the command's payload
     * @param checksum the checksum word (0 for commands without data)
     * @param resultLength how many result bytes precede the status (16 or 32 for SPI_FLASH_MD5, else 0)
     * @param timeout how long the response may take
     * @return the {@code resultLength} payload bytes (empty for 0)
     * @throws EspCommandException when the status says failure
     * @throws IOException as {@link #await}, or an {@link EspProtocolException} for a too-short answer
     */
    public byte[] check(String what, Opcode op, byte[] data, int checksum, int resultLength, Duration timeout)
            throws IOException {
        return checkReply(what, op, command(what, op, data, checksum, timeout), resultLength);
    }

    /**
     * Checks an already received reply as {@link #check} does.
     *
     * @param what the operation, for messages
     * @param op the command the reply answers
     * @param reply the response
     * @param resultLength how many result bytes precede the status
     * @return the {@code resultLength} payload bytes
     * @throws EspCommandException when the status says failure
     * @throws EspProtocolException when the reply is too short to hold result and status
     */
    public byte[] checkReply(String what, Opcode op, Reply reply, int resultLength) throws IOException {
        byte[] d = reply.data();
        if (d.length < resultLength + 2) {
            if (d.length >= 2 && d[0] != 0) {
                throw new EspCommandException(what, op.code(), d[0] & 0xFF, d[1] & 0xFF);
            }
            throw new EspProtocolException("the answer to " + op + " (" + what + ") carries " + d.length
                    + " bytes, expected " + (resultLength + 2) + " or more");
        }
        if (d[resultLength] != 0) {
            throw new EspCommandException(what, op.code(), d[resultLength] & 0xFF, d[resultLength + 1] & 0xFF);
        }
        return Arrays.copyOf(d, resultLength);
    }

    /**
     * @param address a register address in the chip's memory map
     * @return the 32-bit word at {@code address} (READ_REG)
     * @throws EspCommandException when the loader refuses (Secure Download Mode)
     * @throws IOException a timeout or transport failure
     */
    public int readReg(long address) throws IOException {
        Reply r = command(String.format("read register 0x%08X", address), Opcode.READ_REG, words(address), 0,
                Timeouts.DEFAULT);
        checkReply(String.format("read register 0x%08X", address), Opcode.READ_REG, r, 0);
        return r.value();
    }

    /**
     * Writes {@code value} to the register at {@code address} (WRITE_REG, all bits).
     *
     * @param address a register address in the chip's memory map
     * @param value the word to write
     * @throws EspCommandException when the loader refuses
     * @throws IOException a timeout or transport failure
     */
    public void writeReg(long address, int value) throws IOException {
        check(String.format("write register 0x%08X", address), Opcode.WRITE_REG,
                words(address, value & 0xFFFFFFFFL, 0xFFFFFFFFL, 0), 0, 0, Timeouts.DEFAULT);
    }

    /**
     * @param deadline when to stop waiting
     * @return the next frame, or empty when none completes before the deadline
     * @throws org.mpysdk.core.OperationCancelledException when the scope is cancelled
     * @throws IOException when the transport fails
     */
    public Optional<byte[]> nextFrame(Deadline deadline) throws IOException {
        while (frames.isEmpty()) {
            scope().token().throwIfCancelled("waiting for the bootloader on " + transport.name());
            if (deadline.expired()) {
                return Optional.empty();
            }
            fill(Duration.ofMillis(Math.min(deadline.remainingMillis(), 100)));
        }
        return Optional.of(frames.poll());
    }

    /**
     * @param unscaled how long to wait, before this link's timeout scale
     * @param what what the frame is for, for the message
     * @return the next frame
     * @throws OperationTimeoutException when none arrives in time
     * @throws IOException when the transport fails or the scope is cancelled
     */
    public byte[] readFrame(Duration unscaled, String what) throws IOException {
        Duration timeout = scaled(unscaled);
        return nextFrame(Deadline.after(timeout)).orElseThrow(() -> new OperationTimeoutException(
                "no frame from " + transport.name() + " within " + timeout.toMillis() + " ms while waiting for " + what,
                timeout));
    }

    /**
     * Reads and drops input until nothing arrives for {@code quiet}, or {@code max} passed; bytes still
     * count towards {@link #recentBytes()}.
     *
     * @param quiet how long the line must stay silent
     * @param max the longest the drain may take, however much arrives
     * @throws IOException when the transport fails
     */
    public void drain(Duration quiet, Duration max) throws IOException {
        Deadline all = Deadline.after(max);
        while (!all.expired()) {
            if (fill(Duration.ofMillis(Math.min(quiet.toMillis(), Math.max(1, all.remainingMillis())))) == 0) {
                break;
            }
        }
        frames.clear();
        decoder.reset();
    }

    /** Drops queued frames and any partial frame (after a reset or a baud change). */
    public void clearInput() {
        frames.clear();
        decoder.reset();
    }

    /** @return every byte received since the link was made */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** @return well-formed response packets received since the link was made */
    public long responsesReceived() {
        return responsesReceived;
    }

    /** @return frames that broke SLIP (bad escape, too long) */
    public long corruptFrames() {
        return corruptFrames;
    }

    /** @return the last bytes received (up to 256), framed or not, for error messages */
    public byte[] recentBytes() {
        return Arrays.copyOf(recent, recentLength);
    }

    /**
     * @param values the words, each truncated to 32 bits
     * @return a little-endian buffer of 32-bit words, the shape of every command payload
     */
    public static byte[] words(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /**
     * @param frame one decoded SLIP frame
     * @return the frame as a response, or empty when it is not one (noise, a stub data frame)
     */
    public static Optional<Reply> parse(byte[] frame) {
        if (frame.length < 8 || frame[0] != 0x01) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getShort(2) & 0xFFFF;
        if (size > frame.length - 8) {
            return Optional.empty();
        }
        return Optional.of(new Reply(frame[1] & 0xFF, b.getInt(4), Arrays.copyOfRange(frame, 8, 8 + size)));
    }

    /**
     * A chip that resets prints its ROM's boot message ({@code rst:0x10 (RTCWDT_RTC_RESET),boot:0x...},
     * {@code ets Jun  8 2016}, or {@code ESP-ROM:...} on newer chips) and then waits for a SYNC that never
     * comes. Telling that from a lossy line matters: the cure is to connect again, not a lower baud rate.
     *
     * @return what arrived since {@code before}, made printable, when it holds a boot message
     */
    private Optional<String> bootMessageSince(long before) {
        String text = AbstractTransport.printable(tailSince(before)).strip();
        return text.contains("rst:") || text.contains("ets ") || text.contains("ESP-ROM:") ? Optional.of(text) : Optional.empty();
    }

    /** What the line carried while an answer was awaited, when it was no boot message, for the timeout message. */
    private String heardSince(long before) {
        long n = bytesReceived - before;
        if (n <= 0) {
            return "; the chip may have reset, or the link lost bytes (try a lower baud rate)";
        }
        return "; " + n + " bytes arrived that were no answer, ending with " + AbstractTransport.printable(tailSince(before))
                + " (a lossy line: try a lower baud rate)";
    }

    private byte[] tailSince(long before) {
        long n = bytesReceived - before;
        return Arrays.copyOfRange(recent, (int) Math.max(0, recentLength - Math.max(0, n)), recentLength);
    }

    /** Reads once (waiting at most {@code wait}) and feeds the decoder; @return bytes read */
    private int fill(Duration wait) throws IOException {
        int n = transport.read(readBuffer, 0, readBuffer.length, wait);
        if (n <= 0) {
            return 0;
        }
        bytesReceived += n;
        remember(readBuffer, n);
        List<byte[]> got = new java.util.ArrayList<>(2);
        int bad = decoder.feedTolerant(readBuffer, 0, n, got);
        if (bad > 0) {
            // The decoder resynchronised at the next delimiter; a command waiting on the lost frame times out.
            corruptFrames += bad;
            LOG.debug("{} corrupt SLIP frame(s) on {}", bad, transport.name());
        }
        for (byte[] f : got) {
            if (f.length >= 8 && f[0] == 0x01) {
                responsesReceived++;
            }
            frames.add(f);
        }
        return n;
    }

    private void remember(byte[] b, int n) {
        int from = Math.max(0, n - RECENT_KEPT);
        int count = n - from;
        int keep = Math.min(recentLength, RECENT_KEPT - count);
        System.arraycopy(recent, recentLength - keep, recent, 0, keep);
        System.arraycopy(b, from, recent, keep, count);
        recentLength = keep + count;
    }
}
