package org.mpysdk.core.flash.chips;

import java.io.IOException;

/**
 * Reads a 32-bit word of the chip's address space (the loader's READ_REG), so that the eFuse decoding can run
 * against a real chip, a virtual one or a map in a test.
 */
@FunctionalInterface
public interface RegisterReader {
    /**
     * @param address a register or memory address of the chip
     * @return the word at {@code address}
     * @throws IOException when the read fails (refused, timed out, link lost)
     */
    int read(long address) throws IOException;
}
