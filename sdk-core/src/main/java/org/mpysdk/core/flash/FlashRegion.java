package org.mpysdk.core.flash;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes to write at one flash offset.
 *
 * @param offset where the first byte goes
 * @param bytes the content; the record keeps its own copy
 */
public record FlashRegion(long offset, byte[] bytes) {
    /**
     * Validates and copies.
     *
     * @param offset where the first byte goes, within the 32-bit flash address space
     * @param bytes the content, copied
     * @throws IllegalArgumentException when {@code offset} is negative or beyond 32 bits
     * @throws NullPointerException when {@code bytes} is null
     */
    public FlashRegion {
        if (offset < 0 || offset > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("flash offset out of range: " + offset);
        }
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /** @return a copy of the content */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the content length */
    public int length() {
        return bytes.length;
    }

    /** @return the offset just past the last byte */
    public long end() {
        return offset + bytes.length;
    }

    /**
     * Reads one byte without copying the content, e.g. a header byte.
     *
     * @param index position within the region, from 0
     * @return the byte at {@code index} within the region, 0-255
     * @throws ArrayIndexOutOfBoundsException when {@code index} is outside the region
     */
    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    /**
     * @param other another region of the same image
     * @return whether this region and {@code other} share a flash byte
     */
    public boolean overlaps(FlashRegion other) {
        return offset < other.end() && other.offset < end();
    }

    /** @return the region's name for messages: {@code 0x1000+1.5 MB} */
    public String describe() {
        return String.format("0x%X (%d bytes)", offset, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlashRegion r && r.offset == offset && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "FlashRegion[" + describe() + "]";
    }
}
