package org.mpysdk.serial.esp.internal.targets;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.chips.ChipSpec;
import org.mpysdk.core.flash.chips.ChipSpecs;

/** The chip targets: by chip, by GET_SECURITY_INFO chip id, by magic register value. */
public final class Targets {
    private static final Map<Chip, Target> BY_CHIP = byChip();
    // In esptool's CHIP_DEFS order, which magic lookup relies on (the P4's magic 0 comes last).
    private static final List<Target> ALL = ChipSpecs.all().stream().map(Targets::of).toList();

    private Targets() {
    }

    /** @return every target, in esptool's order */
    public static List<Target> all() {
        return ALL;
    }

    /**
     * @param chip a chip
     * @return the target for {@code chip}
     */
    public static Target of(Chip chip) {
        return BY_CHIP.get(chip);
    }

    /**
     * @param chipId a chip id from an image header or a GET_SECURITY_INFO answer
     * @return the target whose images (and GET_SECURITY_INFO) carry this chip id
     */
    public static Optional<Target> byChipId(int chipId) {
        return ChipSpecs.byImageChipId(chipId).map(Targets::of);
    }

    /**
     * @param value the word READ_REG returned for 0x40001000
     * @return the target whose magic word at 0x40001000 is {@code value}
     */
    public static Optional<Target> byMagic(int value) {
        return ChipSpecs.byMagic(value).map(Targets::of);
    }

    private static Target of(ChipSpec spec) {
        for (Chip c : Chip.values()) {
            if (c.spec() == spec) {
                return BY_CHIP.get(c);
            }
        }
        throw new IllegalStateException("no Chip constant for " + spec.esptoolName());
    }

    private static Map<Chip, Target> byChip() {
        Map<Chip, Target> m = new EnumMap<>(Chip.class);
        for (Chip c : Chip.values()) {
            m.put(c, new Target(c));
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
