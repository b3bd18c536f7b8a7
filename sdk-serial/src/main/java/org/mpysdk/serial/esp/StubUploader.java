package org.mpysdk.serial.esp;

import java.io.IOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.flash.FlashException;
import org.mpysdk.serial.esp.protocol.CommandPacket;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.stub.StubImage;

/**
 * Loads a stub into the chip's RAM through the ROM (MEM_BEGIN, MEM_DATA blocks of 0x1800 bytes, MEM_END
 * with the entry point) and waits for its {@code OHAI} greeting.
 */
final class StubUploader {
    /** RAM block size of MEM_DATA. */
    public static final int RAM_BLOCK = 0x1800;
    private static final byte[] OHAI = "OHAI".getBytes(StandardCharsets.US_ASCII);

    private StubUploader() {
    }

    /**
     * Loads the stub into RAM (MEM_BEGIN, MEM_DATA, MEM_END), starts it and waits for its {@code OHAI}
     * greeting.
     *
     * @param link a synced link to the ROM loader
     * @param stub the stub for the connected chip
     * @throws FlashException when the stub does not greet (the message says what arrived)
     * @throws IOException when the ROM refuses a command, a timeout or a transport failure
     */
    public static void upload(EspLink link, StubImage stub) throws IOException {
        long total = stub.text().length + (long) stub.data().length;
        long[] done = {0};
        uploadSegment(link, stub.text(), stub.textStart(), total, done);
        if (stub.data().length > 0) {
            uploadSegment(link, stub.data(), stub.dataStart(), total, done);
        }
        // The ROM may reset its UART before the MEM_END reply leaves: wait briefly, ignore its absence.
        link.send(Opcode.MEM_END, EspLink.words(stub.entry() == 0 ? 1 : 0, stub.entry()), 0);
        Duration wait = link.scaled(Timeouts.DEFAULT);
        Deadline greeting = Deadline.after(wait);
        while (true) {
            Optional<byte[]> frame = link.nextFrame(greeting);
            if (frame.isEmpty()) {
                throw new OperationTimeoutException("the stub flasher (" + stub.name() + ") did not start: no OHAI "
                        + "within " + wait.toMillis() + " ms. Connect without the stub "
                        + "(ConnectOptions.withStub(false)) or check that the stub file matches the chip",
                        Timeouts.DEFAULT);
            }
            if (Arrays.equals(frame.get(), OHAI)) {
                return;
            }
            Optional<EspLink.Reply> reply = EspLink.parse(frame.get());
            if (reply.isEmpty()) {
                throw new FlashException("the stub flasher (" + stub.name() + ") did not start: expected OHAI, got "
                        + org.mpysdk.core.AbstractTransport.printable(frame.get()));
            }
            if (reply.get().opcode() == Opcode.MEM_END.code() && reply.get().statusAt(0) != 0) {
                throw new EspCommandException("start the stub flasher", Opcode.MEM_END.code(), reply.get().statusAt(0),
                        reply.get().statusAt(1));
            }
            // the MEM_END reply (or a late one) before the greeting: keep waiting
        }
    }

    private static void uploadSegment(EspLink link, byte[] segment, long address, long total, long[] done)
            throws IOException {
        int blocks = (segment.length + RAM_BLOCK - 1) / RAM_BLOCK;
        link.check(String.format("start a RAM download to 0x%08X", address), Opcode.MEM_BEGIN,
                EspLink.words(segment.length, blocks, RAM_BLOCK, address), 0, 0, Timeouts.DEFAULT);
        for (int seq = 0; seq < blocks; seq++) {
            link.scope().token().throwIfCancelled("uploading the stub flasher");
            int from = seq * RAM_BLOCK;
            int len = Math.min(RAM_BLOCK, segment.length - from);
            byte[] payload = new byte[16 + len];
            System.arraycopy(EspLink.words(len, seq, 0, 0), 0, payload, 0, 16);
            System.arraycopy(segment, from, payload, 16, len);
            link.check(String.format("write RAM block %d at 0x%08X", seq, address + from), Opcode.MEM_DATA, payload,
                    CommandPacket.checksumOf(segment, from, len), 0, Timeouts.DEFAULT);
            done[0] += len;
            link.scope().listener().onProgress(new Progress("stub", "upload", done[0], total));
        }
    }
}
