package org.mpysdk.serial.esp.targets;

import java.util.List;
import java.util.Optional;
import org.mpysdk.core.flash.Chip;

/** The registry of chip targets: by chip, by GET_SECURITY_INFO chip id, by magic register value. */
public final class Targets {
    // Order matters for magic lookup only through P4's value 0, which is checked last.
    private static final List<Target> ALL = List.of(new Esp8266Target(), new Esp32Target(), new Esp32S2Target(),
            new Esp32S3Target(), RecognisedTarget.esp32c2(), new Esp32C3Target(), RecognisedTarget.esp32c5(),
            new Esp32C6Target(), RecognisedTarget.esp32h2(), RecognisedTarget.esp32c61(), RecognisedTarget.esp32p4());

    private Targets() {
    }

    /** @return every target */
    public static List<Target> all() {
        return ALL;
    }

    /**
     * @param chip a chip family this SDK supports
     * @return the target for {@code chip}
     * @throws IllegalStateException when no target describes {@code chip}
     */
    public static Target of(Chip chip) {
        for (Target t : ALL) {
            if (t.facts().chip() == chip) {
                return t;
            }
        }
        throw new IllegalStateException("no target for " + chip);
    }

    /**
     * @param chipId a chip id from an image header or a GET_SECURITY_INFO answer
     * @return the target whose images (and GET_SECURITY_INFO) carry this chip id
     */
    public static Optional<Target> byChipId(int chipId) {
        return Chip.byImageChipId(chipId).map(Targets::of);
    }

    /**
     * @param value the word READ_REG returned for 0x40001000
     * @return the target whose magic word at 0x40001000 is {@code value}
     */
    public static Optional<Target> byMagic(int value) {
        long v = value & 0xFFFFFFFFL;
        for (Target t : ALL) {
            if (t.facts().magicValues().contains(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
