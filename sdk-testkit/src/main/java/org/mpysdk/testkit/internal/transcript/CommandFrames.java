package org.mpysdk.testkit.internal.transcript;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.serial.esp.protocol.SlipDecoder;

/** Cuts the host's byte stream into SLIP frames and describes each command frame as a transcript step. */
final class CommandFrames {
    private final SlipDecoder decoder = new SlipDecoder();

    /**
     * @param data bytes the host wrote
     * @param off where they start
     * @param len how many
     * @return the commands completed by these bytes (frames that are not commands are dropped)
     */
    List<Transcript.Command> feed(byte[] data, int off, int len) {
        List<byte[]> frames = new ArrayList<>();
        decoder.feedTolerant(data, off, len, frames);
        List<Transcript.Command> out = new ArrayList<>();
        for (byte[] f : frames) {
            if (f.length < 8 || f[0] != 0x00) {
                continue;  // READ_FLASH acknowledgements and noise are not commands
            }
            ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
            int op = f[1] & 0xFF;
            int length = b.getShort(2) & 0xFFFF;
            int checksum = b.getInt(4);
            byte[] payload = Arrays.copyOfRange(f, 8, f.length);
            if (Transcript.bulk(op)) {
                out.add(new Transcript.Command(op, length, checksum, null,
                        Arrays.copyOf(payload, Math.min(16, payload.length))));
            } else {
                out.add(new Transcript.Command(op, length, checksum, payload, null));
            }
        }
        return out;
    }
}
