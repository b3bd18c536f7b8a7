package org.mpysdk.core.flash;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The JEDEC identification of a SPI flash chip, as the RDID (0x9F) command returns it: manufacturer,
 * memory type and capacity code.
 *
 * <pre>{@code
 * FlashId id = FlashId.fromRdid(0x1640EF);   // Winbond, 0x40, 0x16
 * id.sizeBytes();                            // OptionalLong[4194304]
 * }</pre>
 *
 * @param manufacturer JEDEC manufacturer byte (0xEF Winbond, 0xC8 GigaDevice, ...)
 * @param memoryType the device's memory-type byte
 * @param capacity the device's capacity byte
 */
public record FlashId(int manufacturer, int memoryType, int capacity) {
    /** Adesto (and Atmel) flash encodes the size differently. */
    public static final int ADESTO = 0x1F;

    private static final Map<Integer, String> MANUFACTURERS = Map.ofEntries(
            Map.entry(0xEF, "Winbond"), Map.entry(0xC8, "GigaDevice"), Map.entry(0x20, "XMC"),
            Map.entry(0xC2, "Macronix"), Map.entry(0x68, "Boya"), Map.entry(0x85, "Puya"),
            Map.entry(0x1C, "EON"), Map.entry(0x5E, "Zbit"), Map.entry(0x0B, "XTX"),
            Map.entry(0xA1, "Fudan"), Map.entry(0x9D, "ISSI"), Map.entry(ADESTO, "Adesto"),
            Map.entry(0x01, "Spansion"), Map.entry(0xBA, "Zetta"), Map.entry(0x4A, "ESMT"));

    /**
     * @param manufacturer JEDEC manufacturer byte
     * @param memoryType the memory-type byte
     * @param capacity the capacity byte (usually log2 of the size in bytes)
     * @throws IllegalArgumentException when a field is not a byte
     */
    public FlashId {
        if ((manufacturer | memoryType | capacity) >>> 8 != 0) {
            throw new IllegalArgumentException("flash id fields are bytes: " + manufacturer + ", " + memoryType + ", " + capacity);
        }
    }

    /**
     * @param rdid the 24 bits read back after RDID, first byte in the low bits
     * @return the decoded id
     */
    public static FlashId fromRdid(int rdid) {
        return new FlashId(rdid & 0xFF, (rdid >>> 8) & 0xFF, (rdid >>> 16) & 0xFF);
    }

    /** @return whether the bus answered at all: all zero or all one bits mean no flash (or no attach) */
    public boolean plausible() {
        int raw = toRdid();
        return raw != 0 && raw != 0xFFFFFF && raw != 0xFFFF3F;
    }

    /** @return the 24-bit value as RDID returns it */
    public int toRdid() {
        return manufacturer | memoryType << 8 | capacity << 16;
    }

    /** @return the manufacturer's name, or {@code "unknown (0xNN)"} */
    public String manufacturerName() {
        String n = MANUFACTURERS.get(manufacturer);
        return n != null ? n : String.format("unknown (0x%02X)", manufacturer);
    }

    /** @return the device id as esptool prints it: memory type then capacity, as 16 bits */
    public int deviceId() {
        return memoryType << 8 | capacity;
    }

    /**
     * @return the flash size this id announces (esptool's table: capacity 0x12 = 256 KB ... 0x1C = 256 MB,
     *     0x20-0x22 = 64-256 MB, 0x32-0x3A = 256 KB-64 MB; Adesto: low 5 bits of the memory type), or empty
     *     when the code is unknown (esptool then assumes 4 MB)
     */
    public OptionalLong sizeBytes() {
        int code;
        long base;
        if (manufacturer == ADESTO) {
            code = memoryType & 0x1F;
            if (code < 0x04 || code > 0x09) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(512L * 1024 << (code - 0x04));
        }
        code = capacity;
        if (code >= 0x12 && code <= 0x1C) {
            base = code - 0x12;
        } else if (code >= 0x20 && code <= 0x22) {
            base = code - 0x20 + 8;
        } else if (code >= 0x32 && code <= 0x3A) {
            base = code - 0x32;
        } else {
            return OptionalLong.empty();
        }
        return OptionalLong.of(256L * 1024 << base);
    }

    @Override
    public String toString() {
        return String.format("%s %04X (RDID 0x%06X)", manufacturerName(), deviceId(), toRdid());
    }
}
