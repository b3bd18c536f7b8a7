package org.mpysdk.serial.esp.targets;

import java.io.IOException;

/** Reads a 32-bit word of the chip's address space (READ_REG), so target logic can be tested with a map. */
@FunctionalInterface
public interface RegisterReader {
    /**
     * @param address a register or memory address of the chip
     * @return the word at {@code address}
     * @throws IOException when the read fails (refused, timed out, link lost)
     */
    int read(long address) throws IOException;
}
