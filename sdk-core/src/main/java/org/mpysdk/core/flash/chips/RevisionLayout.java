package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.Map;

/** How a chip's silicon revision is read. */
@FunctionalInterface
public interface RevisionLayout {
    /**
     * @param regs reads the chip's registers
     * @return the revision
     * @throws IOException when a read fails
     */
    ChipRevision read(RegisterReader regs) throws IOException;

    /**
     * The layout of every chip since the ESP32-S2: a major and a minor field.
     *
     * @param major the major revision field(s)
     * @param minor the minor revision field(s)
     * @return the layout
     */
    static RevisionLayout fields(EfuseValue major, EfuseValue minor) {
        return new Fields(major, minor, Map.of());
    }

    /**
     * Major and minor revision fields.
     *
     * @param major the major revision field(s)
     * @param minor the minor revision field(s)
     * @param majorCodes maps the raw major field to the revision where the chip encodes it (the ESP32's three
     *     revision bits {@code 0, 1, 3, 7} mean v0..v3); empty when the field is the revision; an unlisted code
     *     is v0, as in esptool
     */
    record Fields(EfuseValue major, EfuseValue minor, Map<Integer, Integer> majorCodes) implements RevisionLayout {
        /**
         * Copies the map.
         *
         * @param major the major revision field(s)
         * @param minor the minor revision field(s)
         * @param majorCodes raw major field to revision, or empty
         */
        public Fields {
            majorCodes = Map.copyOf(majorCodes);
        }

        @Override
        public ChipRevision read(RegisterReader regs) throws IOException {
            int raw = major.read(regs);
            int m = majorCodes.isEmpty() ? raw : majorCodes.getOrDefault(raw, 0);
            return new ChipRevision(m, minor.read(regs));
        }
    }
}
