package org.mpysdk.serial.esp;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.mpysdk.serial.esp.protocol.CommandPacket;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * Writes one region: deflated (FLASH_DEFL_*) where the loader supports it and it helps, else plain
 * (FLASH_*, the last block padded with 0xFF). One block at a time, as esptool does, with ROM and stub
 * alike: with two blocks in flight, esptool 4.8.1's real ESP32 stub (in Espressif's QEMU) answered
 * status 0xC7 (inflate error), and a ROM under host load answered "invalid CRC". The stub acknowledges a
 * block when it has it and writes while the next one arrives, so the line still stays busy.
 */
final class RegionWriter {
    /** Bytes of a data command besides the block: SLIP delimiters, 8-byte header, 16-byte block header. */
    private static final int BLOCK_OVERHEAD = 2 + 8 + 16;
    /** The stub inflates into a 32 KiB buffer and starts a 64 KiB erase per buffer, plus one. */
    private static final long STUB_DEFLATE_BUFFER = 32 * 1024;
    private static final long ERASE_BLOCK = 64 * 1024;

    private final FlashOps ops;
    private final int lineBaud;

    /**
     * @param ops the flash commands
     * @param lineBaud the line rate in use, to allow for the time queued blocks take on the wire
     */
    RegionWriter(FlashOps ops, int lineBaud) {
        this.ops = ops;
        this.lineBaud = lineBaud > 0 ? lineBaud : 115200;
    }

    /**
     * @param offset sector-aligned on the ROM
     * @param data the bytes, padded to 4
     * @param compressed the data deflated (see {@link Deflate#prepare}), or null to write it plain; used only
     *     when the loader inflates and it is smaller
     * @param progress receives uncompressed bytes written so far in this region
     * @return bytes of payload sent (the compressed size when compressed)
     */
    long write(long offset, byte[] data, Deflate.Deflated compressed, LongConsumer progress) throws IOException {
        LoaderProfile profile = ops.profile();
        if (compressed != null && profile.supportsCompression()) {
            byte[] z = compressed.data();
            if (z.length < data.length) {
                writeCompressed(offset, data.length, compressed, progress);
                return z.length;
            }
        }
        writePlain(offset, data, progress);
        return data.length;
    }

    private void writeCompressed(long offset, int size, Deflate.Deflated deflated, LongConsumer progress)
            throws IOException {
        byte[] z = deflated.data();
        LoaderProfile profile = ops.profile();
        int block = profile.flashBlockSize();
        int blocks = (z.length + block - 1) / block;
        long writeSize = profile.stub() ? size : (long) ((size + block - 1) / block) * block;
        Duration beginTimeout = profile.stub() ? Timeouts.DEFAULT
                : Timeouts.perMb(Timeouts.ERASE_REGION_SECONDS_PER_MB, writeSize);
        ops.begin(Opcode.FLASH_DEFL_BEGIN, writeSize, blocks, offset, beginTimeout,
                String.format("start a compressed write of %d bytes at 0x%X", size, offset));
        long[] inflated = deflated.inflatedPerBlock();
        Duration last = sendBlocks(Opcode.FLASH_DEFL_DATA, offset, z, block, false, inflated, progress);
        ops.endStub(Opcode.FLASH_DEFL_END, last);
    }

    private void writePlain(long offset, byte[] data, LongConsumer progress) throws IOException {
        LoaderProfile profile = ops.profile();
        int block = profile.flashBlockSize();
        int blocks = (data.length + block - 1) / block;
        Duration beginTimeout = profile.stub() ? Timeouts.DEFAULT
                : Timeouts.perMb(Timeouts.ERASE_REGION_SECONDS_PER_MB, data.length);
        ops.begin(Opcode.FLASH_BEGIN, profile.eraseSize(offset, data.length), blocks, offset, beginTimeout,
                String.format("start a write of %d bytes at 0x%X", data.length, offset));
        long[] sizes = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            sizes[b] = Math.min(block, data.length - (long) b * block);
        }
        Duration last = sendBlocks(Opcode.FLASH_DATA, offset, data, block, true, sizes, progress);
        ops.endStub(Opcode.FLASH_END, last);
    }

    /** @return the timeout for the end barrier (covers writing the last block) */
    private Duration sendBlocks(Opcode op, long offset, byte[] stream, int block, boolean pad, long[] written,
            LongConsumer progress) throws IOException {
        EspLink link = ops.link();
        boolean stub = ops.profile().stub();
        long done = 0;
        // Time for the block to cross the line before the loader can answer it.
        long lineMillis = (block + BLOCK_OVERHEAD + block / 64) * 10_000L / lineBaud;
        Duration lastTimeout = Timeouts.DEFAULT;
        for (int seq = 0; seq < written.length; seq++) {
            link.scope().token().throwIfCancelled(String.format("writing flash at 0x%X (block %d of %d)", offset,
                    seq, written.length));
            int from = seq * block;
            int len = Math.min(block, stream.length - from);
            int dataLen = pad ? block : len;
            byte[] payload = new byte[16 + dataLen];
            System.arraycopy(EspLink.words(dataLen, seq, 0, 0), 0, payload, 0, 16);
            System.arraycopy(stream, from, payload, 16, len);
            if (pad && len < block) {
                Arrays.fill(payload, 16 + len, payload.length, (byte) 0xFF);
            }
            link.send(op, payload, CommandPacket.checksumOf(payload, 16, dataLen));
            // The stub's answer to this block can wait for the previous block's erase and write.
            long work = stub ? (seq > 0 ? written[seq - 1] : 0) + erasesFor(seq > 0 ? written[seq - 1] : 0) : written[seq];
            // One block at a time (see the class comment): its answer comes before the next block leaves.
            String what = String.format("write block %d of the region at 0x%X", seq, offset);
            link.checkReply(what, op, link.await(op,
                    Timeouts.perMb(Timeouts.ERASE_WRITE_SECONDS_PER_MB, work).plusMillis(lineMillis), what), 0);
            done += written[seq];
            progress.accept(done);
            lastTimeout = Timeouts.perMb(Timeouts.ERASE_WRITE_SECONDS_PER_MB, written[seq] + erasesFor(written[seq]))
                    .plusMillis(lineMillis);
        }
        return lastTimeout;
    }

    private static long erasesFor(long uncompressed) {
        return ((uncompressed + STUB_DEFLATE_BUFFER - 1) / STUB_DEFLATE_BUFFER + 1) * ERASE_BLOCK;
    }
}
