package org.mpysdk.testkit.esp;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One FLASH_BEGIN (or FLASH_DEFL_BEGIN) .. END session: where the next byte goes, what is left, the
 * streaming inflater that runs across blocks, and, for the stub, erasing sector by sector just ahead of
 * the data ("erase as you go", skipping sectors that are already blank until the first dirty one, as
 * esp-flasher-stub does). The ROM erased its whole region in BEGIN, before this object exists.
 */
final class FlashWrite {
    private final NorFlash flash;
    private final boolean stub;
    private final boolean compressed;
    private final int blockSize;
    private final int numBlocks;
    private final Inflater inflater;
    private final byte[] window = new byte[32 * 1024];
    private final int eraseEnd;
    private int nextErase;
    private boolean dirtySeen;
    private long position;
    private long remaining;
    private int nextSeq;
    private int sectorsErased;
    private long bytesWritten;

    /**
     * @param size stub: the exact number of bytes to write; ROM: the region it erased (the upper bound)
     */
    FlashWrite(NorFlash flash, boolean stub, boolean compressed, int offset, int size, int numBlocks, int blockSize) {
        this.flash = flash;
        this.stub = stub;
        this.compressed = compressed;
        this.blockSize = blockSize;
        this.numBlocks = numBlocks;
        this.position = offset;
        this.remaining = size;
        this.inflater = compressed ? new Inflater() : null;
        this.nextErase = offset / NorFlash.SECTOR_SIZE * NorFlash.SECTOR_SIZE;
        long end = (long) offset + size;
        this.eraseEnd = (int) Math.min(flash.size(), (end + NorFlash.SECTOR_SIZE - 1) / NorFlash.SECTOR_SIZE * NorFlash.SECTOR_SIZE);
    }

    boolean compressed() {
        return compressed;
    }

    int nextSeq() {
        return nextSeq;
    }

    int numBlocks() {
        return numBlocks;
    }

    int blockSize() {
        return blockSize;
    }

    /** @return whether every promised byte has been written (the stub's condition for END) */
    boolean complete() {
        return remaining == 0;
    }

    /** @return sectors erased since the last call, for the erase latency */
    int takeSectorsErased() {
        int n = sectorsErased;
        sectorsErased = 0;
        return n;
    }

    /** @return bytes programmed since the last call, for the write latency */
    long takeBytesWritten() {
        long n = bytesWritten;
        bytesWritten = 0;
        return n;
    }

    /** Takes one data block: raw bytes for FLASH_DATA, the next slice of the zlib stream for FLASH_DEFL_DATA. */
    void accept(byte[] data, int off, int len) throws Refusal {
        nextSeq++;
        if (compressed) {
            inflate(data, off, len);
        } else if (stub) {
            // The stub writes what was promised and ignores the 0xFF padding of the last block.
            write(data, off, (int) Math.min(len, remaining));
        } else {
            // The ROM writes whole blocks, padding included.
            write(data, off, len);
        }
    }

    private void inflate(byte[] data, int off, int len) throws Refusal {
        inflater.setInput(data, off, len);
        try {
            while (true) {
                int n = inflater.inflate(window);
                if (n > 0) {
                    if (n > remaining) {
                        throw new Refusal(Refusal.ROM_DEFLATE, Refusal.STUB_TOO_MUCH_DATA,
                                "compressed data inflates past the size given in FLASH_DEFL_BEGIN");
                    }
                    write(window, 0, n);
                    continue;
                }
                if (inflater.finished() || inflater.needsInput()) {
                    return;
                }
                if (inflater.needsDictionary()) {
                    throw new Refusal(Refusal.ROM_DEFLATE, Refusal.STUB_INFLATE_ERROR, "zlib stream wants a preset dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw new Refusal(Refusal.ROM_DEFLATE, Refusal.STUB_INFLATE_ERROR, "corrupt zlib stream: " + e.getMessage());
        }
    }

    private void write(byte[] data, int off, int len) throws Refusal {
        if (len == 0) {
            return;
        }
        if (!flash.contains(position, len)) {
            throw new Refusal(Refusal.ROM_FLASH_WRITE, Refusal.STUB_FAILED_SPI_OP,
                    String.format("write at 0x%X + %d passes the end of the %d-byte flash", position, len, flash.size()));
        }
        if (stub) {
            eraseAhead(position + len);
        }
        flash.program((int) position, data, off, len);
        position += len;
        remaining = Math.max(0, remaining - len);
        bytesWritten += len;
    }

    private void eraseAhead(long upTo) {
        while (nextErase < upTo && nextErase < eraseEnd) {
            if (!dirtySeen && flash.isErased(nextErase, NorFlash.SECTOR_SIZE)) {
                nextErase += NorFlash.SECTOR_SIZE;
                continue;
            }
            dirtySeen = true;
            flash.erase(nextErase, NorFlash.SECTOR_SIZE);
            sectorsErased++;
            nextErase += NorFlash.SECTOR_SIZE;
        }
    }

    /** Frees the native inflater. */
    void close() {
        if (inflater != null) {
            inflater.end();
        }
    }
}
