package org.mpysdk.serial.esp.internal.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.chips.ChipRevision;
import org.mpysdk.core.flash.chips.Identity;
import org.mpysdk.core.flash.chips.RegisterReader;

/** Chip identification from register values, checked against what esptool prints for the same words. */
class TargetsTest {

    private static RegisterReader regs(Map<Long, Integer> values) {
        return address -> values.getOrDefault(address, 0);
    }

    @Test
    void esp32D0wdV3Revision31() throws Exception {
        Map<Long, Integer> r = new HashMap<>();
        r.put(0x3FF5A00CL, (1 << 9) | (1 << 15));       // package 1, revision bit 0
        r.put(0x3FF5A014L, (1 << 20) | (1 << 24));      // revision bit 1, minor 1
        r.put(0x3FF6607CL, 0x80000000);                 // revision bit 2
        r.put(0x3FF5A004L, 0xC4123456);                 // MAC low word
        r.put(0x3FF5A008L, 0x0000240A);                 // MAC high 16 bits
        Target t = Targets.of(Chip.ESP32);
        assertEquals(new Identity("ESP32-D0WD-V3", new ChipRevision(3, 1)), t.identify(regs(r)));
        assertEquals("24:0a:c4:12:34:56", t.readMac(regs(r)));
    }

    @Test
    void esp32CrystalFromTheUartDivider() throws Exception {
        // 40 MHz / 115200 = 347
        Target t = Targets.of(Chip.ESP32);
        assertEquals(40, t.crystalMhz(regs(Map.of(0x3FF40014L, 347)), 115200));
        // ESP8266: UART clock is twice the 26 MHz crystal: 52 MHz / 115200 = 451
        assertEquals(26, Targets.of(Chip.ESP8266).crystalMhz(regs(Map.of(0x60000014L, 451)), 115200));
        assertEquals(40, Targets.of(Chip.ESP32_S3).crystalMhz(regs(Map.of()), 0));
        assertEquals(32, Targets.of(Chip.ESP32_H2).crystalMhz(regs(Map.of()), 0));
    }

    @Test
    void s3AndC3AndC6Descriptions() throws Exception {
        assertEquals(new Identity("ESP32-S3 (QFN56)", new ChipRevision(0, 2)),
                Targets.of(Chip.ESP32_S3).identify(regs(Map.of(0x60007050L, 2 << 18))));
        assertEquals(new Identity("ESP32-C3 (QFN32)", new ChipRevision(0, 4)),
                Targets.of(Chip.ESP32_C3).identify(regs(Map.of(0x60008850L, 4 << 18))));
        assertEquals(new Identity("ESP32-C6 (QFN40)", new ChipRevision(0, 1)),
                Targets.of(Chip.ESP32_C6).identify(regs(Map.of(0x600B0850L, 1 << 18))));
        assertEquals("34:85:18:12:34:56", Targets.of(Chip.ESP32_S3)
                .readMac(regs(Map.of(0x60007044L, 0x18123456, 0x60007048L, 0x3485))));
    }

    @Test
    void esp8266MacWithTheEspressifOui() throws Exception {
        Map<Long, Integer> r = Map.of(0x3FF00050L, 0x56000000, 0x3FF00054L, 0x00001234);
        assertEquals("18:fe:34:12:34:56", Targets.of(Chip.ESP8266).readMac(regs(r)));
        assertEquals("ESP8266EX", Targets.of(Chip.ESP8266).identify(regs(r)).description());
        assertTrue(Targets.of(Chip.ESP8266).identify(regs(Map.of(0x3FF00050L, 1 << 4))).description()
                .startsWith("ESP8285"));
    }

    @Test
    void magicAndChipIdLookup() {
        assertEquals(Chip.ESP32_C3, Targets.byMagic(0x1B31506F).orElseThrow().facts().chip());
        assertEquals(Chip.ESP8266, Targets.byMagic(0xFFF0C101).orElseThrow().facts().chip());
        assertEquals(Chip.ESP32_S3, Targets.byMagic(0x9).orElseThrow().facts().chip());
        assertEquals(Optional.empty(), Targets.byMagic(0x12345678));
        assertEquals(Chip.ESP32_P4, Targets.byChipId(18).orElseThrow().facts().chip());
        for (Chip c : Chip.values()) {
            assertEquals(c, Targets.of(c).facts().chip());
            assertEquals(c == Chip.ESP8266 ? 2 : 4, Targets.of(c).facts().romStatusLength());
        }
    }

    @Test
    void chipsOnceOnlyRecognisedAreNowDecodedFromEsptoolsLayout() throws Exception {
        // These chips used to report an unknown revision; their eFuse layouts are now data, so blank fuses read v0.0.
        Target c61 = Targets.byChipId(20).orElseThrow();
        assertEquals(Chip.ESP32_C61, c61.facts().chip());
        assertEquals(c61, Targets.byMagic(0x2421606F).orElseThrow());
        assertEquals(new Identity("ESP32-C61", new ChipRevision(0, 0)), c61.identify(regs(Map.of())));
        assertEquals(new Identity("ESP32-C5", new ChipRevision(0, 0)), Targets.of(Chip.ESP32_C5).identify(regs(Map.of())));
        assertEquals(0x2000, Targets.of(Chip.ESP32_C5).facts().bootloaderOffset());
        assertEquals(Chip.ESP32_P4, Targets.byMagic(0).orElseThrow().facts().chip(), "P4's magic 0 is looked up last");
    }

    @Test
    void everyChipHasATargetAndTheBetasAreDetected() throws Exception {
        assertEquals(Chip.values().length, Targets.all().size());
        for (Chip c : Chip.values()) {
            assertEquals(c, Targets.of(c).facts().chip());
            assertEquals(c.spec(), Targets.of(c).spec());
        }
        // esptool 4.8.1 esp32s3beta2.py, esp32c6beta.py, esp32h2beta1.py, esp32h2beta2.py, esp32c5beta3.py
        assertEquals(Chip.ESP32_S3_BETA2, Targets.byMagic(0xEB004136).orElseThrow().facts().chip());
        assertEquals(Chip.ESP32_C6_BETA, Targets.byMagic(0x0DA1806F).orElseThrow().facts().chip());
        assertEquals(Chip.ESP32_H2_BETA1, Targets.byMagic(0xCA26CC22).orElseThrow().facts().chip());
        assertEquals(Chip.ESP32_H2_BETA2, Targets.byChipId(14).orElseThrow().facts().chip());
        assertEquals(Chip.ESP32_C5_BETA3, Targets.byChipId(17).orElseThrow().facts().chip());
        assertEquals(new Identity("ESP32-H2(beta2)", new ChipRevision(0, 0)),
                Targets.of(Chip.ESP32_H2_BETA2).identify(regs(Map.of(0x6001A054L, 1))));
    }

    @Test
    void spiRegistersForRdidAreEsptools() {
        // esptool 4.8.1 targets: SPI_REG_BASE and the W0/MISO_DLEN offsets the RDID command uses
        assertEquals(0x60000240L, Targets.of(Chip.ESP8266).facts().spi().w0());
        assertEquals(0x3FF4202CL, Targets.of(Chip.ESP32).facts().spi().misoDlen());
        assertEquals(0x60003058L, Targets.of(Chip.ESP32_C6).facts().spi().w0());
        assertEquals(0x5008D028L, Targets.of(Chip.ESP32_P4).facts().spi().misoDlen());
    }
}
