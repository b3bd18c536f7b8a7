package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.Map;

/** Names the part from its package code (esptool's {@code get_chip_description} without the revision). */
@FunctionalInterface
public interface PartNames {
    /**
     * @param packageCode the package field(s) read from eFuses
     * @param revision the revision already read (the ESP32's v3 parts have their own names)
     * @param regs reads the chip's registers, for chips whose name needs another field
     * @return the part's name
     * @throws IOException when a read fails
     */
    String name(int packageCode, ChipRevision revision, RegisterReader regs) throws IOException;

    /**
     * @param unknown the name for a package code not in {@code names} (esptool's {@code "unknown ESP32-C3"})
     * @param names package code to name
     * @return names looked up in a table
     */
    static PartNames table(String unknown, Map<Integer, String> names) {
        Map<Integer, String> copy = Map.copyOf(names);
        return (code, revision, regs) -> copy.getOrDefault(code, unknown);
    }
}
