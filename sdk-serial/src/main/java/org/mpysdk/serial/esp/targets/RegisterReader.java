package org.mpysdk.serial.esp.targets;

import java.io.IOException;

/** Reads a 32-bit word of the chip's address space (READ_REG), so target logic can be tested with a map. */
@FunctionalInterface
public interface RegisterReader {
    /** @return the word at {@code address} */
    int read(long address) throws IOException;
}
