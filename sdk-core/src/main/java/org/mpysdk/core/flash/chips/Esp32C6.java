package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.Map;

/** ESP32-C6, from esptool 4.8's {@code targets/esp32c6.py}: eFuse BLOCK1 at 0x600B0844, SPI at 0x60003000. */
final class Esp32C6 {
    static final long BLOCK1 = 0x600B0800L + 0x044;
    /** The C6's header frequency codes: 80 MHz is written as 0, a workaround for a wrong divider in its ROM. */
    static final Map<String, Integer> FREQUENCIES = Map.of("80m", 0x0, "40m", 0x0, "20m", 0x2);
    /** The frequency codes of the C61, C5 and C5 beta 3, which undo the C6's workaround. */
    static final Map<String, Integer> FREQUENCIES_80M_F = Map.of("80m", 0xF, "40m", 0x0, "20m", 0x2);
    private static final EfuseField FLASH_CAP = EfuseField.at(BLOCK1, 4, 0, 3);

    static final ChipSpec SPEC = new ChipSpec("esp32c6", "ESP32-C6", ImageFormat.esp32Family(13, 0x0, FREQUENCIES),
            RomLoader.sinceEsp32S2(0x2CE0806FL), SpiRegisters.modern(0x60003000L), Crystal.fixed(40),
            PartLayout.efuse(EfuseValue.of(EfuseField.at(BLOCK1, 3, 24, 3)),
                    RevisionLayout.fields(EfuseValue.of(EfuseField.at(BLOCK1, 3, 22, 2)),
                            EfuseValue.of(EfuseField.at(BLOCK1, 3, 18, 4))),
                    Esp32C6::name),
            MacLayout.efuseWords(BLOCK1), StubSupport.ESP32_FAMILY, true);

    private Esp32C6() {
    }

    // esptool 4.8 calls every package-1 part FH4; later esptool (v5, esp32c6.py) tells FH4 from FH8 by FLASH_CAP,
    // which this keeps because it only adds precision.
    private static String name(int pkg, ChipRevision revision, RegisterReader regs) throws IOException {
        if (pkg == 0) {
            return "ESP32-C6 (QFN40)";
        }
        if (pkg == 1) {
            return switch (FLASH_CAP.read(regs)) {
                case 2 -> "ESP32-C6FH8 (QFN32)";
                default -> "ESP32-C6FH4 (QFN32)";
            };
        }
        return "unknown ESP32-C6";
    }

    /**
     * The BLOCK1 word-2 layout of the C61, C5, C5 beta 3 and P4: minor word 2 [3:0], major word 2 [5:4], the
     * package at a chip's own shift.
     */
    static PartLayout word2Layout(long block1, int packageShift, PartNames names) {
        return PartLayout.efuse(EfuseValue.of(EfuseField.at(block1, 2, packageShift, 3)),
                RevisionLayout.fields(EfuseValue.of(EfuseField.at(block1, 2, 4, 2)),
                        EfuseValue.of(EfuseField.at(block1, 2, 0, 4))),
                names);
    }
}
