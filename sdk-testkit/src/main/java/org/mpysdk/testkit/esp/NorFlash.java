package org.mpysdk.testkit.esp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An in-memory SPI NOR flash with the two rules that make flashing bugs visible: erasing sets whole
 * 4 KiB sectors to 0xFF, and programming can only clear bits (the new value is the old value AND the
 * written byte). Writing over data that was not erased therefore leaves a mix of both, as on a real chip.
 *
 * <p>Thread-safe: the virtual chip writes while a test reads.
 *
 * <pre>{@code
 * NorFlash flash = new NorFlash(4 << 20);
 * flash.erase(0x1000, 0x1000);
 * flash.program(0x1000, image);
 * byte[] back = flash.read(0x1000, image.length);
 * }</pre>
 */
public final class NorFlash {
    /** The erase unit of every ESP flash chip. */
    public static final int SECTOR_SIZE = 0x1000;

    private final byte[] cells;
    private long sectorsErased;
    private long bytesProgrammed;

    /**
     * A flash as it leaves the factory: all 0xFF.
     *
     * @param size bytes, a positive multiple of {@link #SECTOR_SIZE}
     */
    public NorFlash(int size) {
        if (size <= 0 || size % SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("flash size must be a positive multiple of 4 KiB, got " + size);
        }
        cells = new byte[size];
        Arrays.fill(cells, (byte) 0xFF);
    }

    /** @return the size in bytes */
    public int size() {
        return cells.length;
    }

    /**
     * Erases every sector that overlaps {@code [offset, offset + length)}.
     *
     * @param offset first byte of the range
     * @param length length of the range; 0 erases nothing
     * @return the number of sectors erased
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public synchronized int erase(int offset, int length) {
        checkRange(offset, length);
        if (length == 0) {
            return 0;
        }
        int first = offset / SECTOR_SIZE;
        int last = (offset + length - 1) / SECTOR_SIZE;
        Arrays.fill(cells, first * SECTOR_SIZE, (last + 1) * SECTOR_SIZE, (byte) 0xFF);
        int count = last - first + 1;
        sectorsErased += count;
        return count;
    }

    /** Erases the whole chip. */
    public synchronized void eraseAll() {
        Arrays.fill(cells, (byte) 0xFF);
        sectorsErased += cells.length / SECTOR_SIZE;
    }

    /**
     * Programs bytes: each cell becomes {@code old & new}, because programming only clears bits.
     *
     * @param offset flash address of the first byte
     * @param data the buffer holding the bytes
     * @param off where in {@code data} they start
     * @param len how many bytes to program
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public synchronized void program(int offset, byte[] data, int off, int len) {
        checkRange(offset, len);
        for (int i = 0; i < len; i++) {
            cells[offset + i] &= data[off + i];
        }
        bytesProgrammed += len;
    }

    /**
     * Programs all of {@code data} at {@code offset}, with the same NOR rule.
     *
     * @param offset flash address of the first byte
     * @param data the bytes to program
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public void program(int offset, byte[] data) {
        program(offset, data, 0, data.length);
    }

    /**
     * Sets bytes directly, ignoring NOR rules: for tests that start from a flash that already holds
     * something (a previous firmware, a file system).
     *
     * @param offset flash address of the first byte
     * @param data the bytes to place there
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public synchronized void load(int offset, byte[] data) {
        checkRange(offset, data.length);
        System.arraycopy(data, 0, cells, offset, data.length);
    }

    /**
     * @param offset first byte of the range
     * @param length length of the range
     * @return a copy of {@code [offset, offset + length)}
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public synchronized byte[] read(int offset, int length) {
        checkRange(offset, length);
        return Arrays.copyOfRange(cells, offset, offset + length);
    }

    /** @return a copy of the whole flash */
    public synchronized byte[] contents() {
        return cells.clone();
    }

    /**
     * @param offset first byte of the range
     * @param length length of the range
     * @return the MD5 of {@code [offset, offset + length)}, as SPI_FLASH_MD5 computes it
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public synchronized byte[] md5(int offset, int length) {
        checkRange(offset, length);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(cells, offset, length);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /**
     * @param offset first byte of the range
     * @param length length of the range
     * @return whether every byte of the range is 0xFF
     * @throws IllegalArgumentException when the range leaves the flash
     */
    public synchronized boolean isErased(int offset, int length) {
        checkRange(offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (cells[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** @return how many sectors were erased since creation (a chip erase counts every sector) */
    public synchronized long sectorsErased() {
        return sectorsErased;
    }

    /** @return how many bytes were programmed since creation */
    public synchronized long bytesProgrammed() {
        return bytesProgrammed;
    }

    /**
     * @param offset first byte of the range
     * @param length length of the range
     * @return whether {@code [offset, offset + length)} lies inside the flash
     */
    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset + length <= cells.length;
    }

    private void checkRange(int offset, int length) {
        if (!contains(offset, length)) {
            throw new IllegalArgumentException(String.format(
                    "range 0x%X + %d bytes is outside the %d-byte flash", offset, length, cells.length));
        }
    }
}
