package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.List;

/**
 * A value made of one or more eFuse fields placed side by side, most significant first: esptool's
 * {@code (hi << 3) + low} for a minor revision whose top bit lives in another word.
 *
 * @param parts the fields, most significant first
 */
public record EfuseValue(List<EfuseField> parts) {
    /**
     * Copies the list.
     *
     * @param parts the fields, most significant first
     */
    public EfuseValue {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a value needs at least one field");
        }
    }

    /**
     * @param parts the fields, most significant first
     * @return the value made of {@code parts}
     */
    public static EfuseValue of(EfuseField... parts) {
        return new EfuseValue(List.of(parts));
    }

    /**
     * @param regs reads the chip's registers
     * @return the fields read and concatenated
     * @throws IOException when a read fails
     */
    public int read(RegisterReader regs) throws IOException {
        int value = 0;
        for (EfuseField f : parts) {
            value = (value << f.width()) | f.read(regs);
        }
        return value;
    }
}
