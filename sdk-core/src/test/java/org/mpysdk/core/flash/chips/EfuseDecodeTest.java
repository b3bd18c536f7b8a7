package org.mpysdk.core.flash.chips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Part, revision, MAC and crystal decoded from register values. The addresses and bit positions written here are
 * esptool 4.8.1's ({@code EFUSE_BLOCK1_ADDR + 4 * num_word}, {@code >> shift & mask} in the target file named),
 * so a wrong field in a chip file shows up as a wrong answer.
 */
class EfuseDecodeTest {

    private static RegisterReader regs(Map<Long, Integer> values) {
        return address -> values.getOrDefault(address, 0);
    }

    private static Identity identify(String chip, Map<Long, Integer> values) throws Exception {
        return ChipSpecs.named(chip).identify(regs(values));
    }

    private static Identity id(String description, int major, int minor) {
        return new Identity(description, new ChipRevision(major, minor));
    }

    @Test
    void esp32D0wdV3FromTheVirtualBoardsFuses() throws Exception {
        // The words sdk-testkit's VirtualEsp ESP32 profile holds; esptool-js decodes them the same way
        // (EsptoolJsPeerTest). esp32.py: pkg word3[11:9], revision bits word3[15], word5[20], APB_CTL_DATE[31].
        Map<Long, Integer> r = new HashMap<>();
        r.put(0x3FF5A00CL, (1 << 9) | (1 << 15));
        r.put(0x3FF5A014L, (1 << 20) | (1 << 24));
        r.put(0x3FF6607CL, 0x80000000);
        r.put(0x3FF5A004L, 0xC4123456);
        r.put(0x3FF5A008L, 0x0000240A);
        assertEquals(id("ESP32-D0WD-V3", 3, 1), identify("esp32", r));
        assertEquals("24:0a:c4:12:34:56", ChipSpecs.named("esp32").readMac(regs(r)));
    }

    @Test
    void esp32NamesDependOnSingleCoreAndRevision3() throws Exception {
        assertEquals(id("ESP32-S0WDQ6", 0, 0), identify("esp32", Map.of(0x3FF5A00CL, 1)));  // CHIP_VER_DIS_APP_CPU
        assertEquals(id("ESP32-D0WD", 1, 0), identify("esp32", Map.of(0x3FF5A00CL, (1 << 9) | (1 << 15))));
        // revision bits 0 and 1 without bit 2 (combine value 3) are v2
        assertEquals(id("ESP32-PICO-D4", 2, 0), identify("esp32",
                Map.of(0x3FF5A00CL, (5 << 9) | (1 << 15), 0x3FF5A014L, 1 << 20)));
        // package bit 3 is word3[2]: 8 is no package esptool knows
        assertEquals("unknown ESP32", identify("esp32", Map.of(0x3FF5A00CL, 1 << 2)).description());
    }

    @Test
    void esp32s2NamesByFlashAndPsramCapacity() throws Exception {
        long w3 = 0x3F41A044L + 12;
        long w4 = 0x3F41A044L + 16;
        // esp32s2.py: flash_cap word3[24:21], psram_cap word3[31:28], major word3[19:18], minor word3[20] : word4[6:4]
        assertEquals(id("ESP32-S2FH4", 1, 9), identify("esp32s2", Map.of(w3, (2 << 21) | (1 << 18) | (1 << 20),
                w4, 1 << 4)));
        assertEquals("ESP32-S2FNR2", identify("esp32s2", Map.of(w3, (1 << 28) | (2 << 21))).description());
        assertEquals("ESP32-S2R2", identify("esp32s2", Map.of(w3, 1 << 28)).description());
        assertEquals("unknown ESP32-S2", identify("esp32s2", Map.of(w3, 3 << 21)).description());
    }

    @Test
    void esp32s3Eco0ReadsAsV00() throws Exception {
        long w3 = 0x60007044L + 12;
        long w5 = 0x60007044L + 20;
        long block2w4 = 0x6000705CL + 16;
        // esp32s3.py is_eco0: minor low bits 0, BLK_VERSION_MAJOR (BLOCK2 word4[1:0]) 1, BLK_VERSION_MINOR word3[26:24] 1
        Map<Long, Integer> eco0 = Map.of(w3, 1 << 24, w5, 1 << 24, block2w4, 1);
        assertEquals(id("ESP32-S3 (QFN56)", 0, 0), identify("esp32s3", eco0));
        assertEquals(id("ESP32-S3 (QFN56)", 1, 0), identify("esp32s3", Map.of(w3, 1 << 24, w5, 1 << 24)));
        assertEquals(id("ESP32-S3-PICO-1 (LGA56)", 0, 10), identify("esp32s3", Map.of(w3, (1 << 21) | (2 << 18),
                w5, 1 << 23)));
        // esp32s3beta2.py inherits the S3's addresses
        assertEquals(id("ESP32-S3 (QFN56)", 0, 2), identify("esp32s3beta2", Map.of(w3, 2 << 18)));
    }

    @Test
    void esp32c3FamilyPackagesAndMinorHighBit() throws Exception {
        long w3 = 0x60008844L + 12;
        long w5 = 0x60008844L + 20;
        // esp32c3.py: pkg word3[23:21], minor word5[23] : word3[20:18], major word5[25:24]
        assertEquals(id("ESP8685 (QFN28)", 1, 11), identify("esp32c3", Map.of(w3, (1 << 21) | (3 << 18),
                w5, (1 << 24) | (1 << 23))));
        assertEquals(id("ESP32-C3 (QFN32)", 0, 4), identify("esp32c3", Map.of(w3, 4 << 18)));
        // esp32c6beta.py: the C3's fields with the C6's names
        assertEquals("ESP32-C6FH4 (QFN32)", identify("esp32c6beta", Map.of(w3, 1 << 21)).description());
    }

    @Test
    void esp32c2ReadsBlock2() throws Exception {
        long w1 = 0x60008840L + 4;
        // esp32c2.py: EFUSE_BLOCK2_ADDR word1: pkg [24:22], major [21:20], minor [19:16]; MAC_EFUSE_REG the same block
        assertEquals(id("ESP32-C2", 1, 2), identify("esp32c2", Map.of(w1, (1 << 22) | (1 << 20) | (2 << 16))));
        assertEquals("unknown ESP32-C2", identify("esp32c2", Map.of(w1, 2 << 22)).description());
        assertEquals("ec:da:3b:12:34:56", ChipSpecs.named("esp32c2")
                .readMac(regs(Map.of(0x60008840L, 0x3B123456, 0x60008844L, 0xECDA))));
    }

    @Test
    void esp32c6MacFromEsptoolsOwnExample() throws Exception {
        // esp32c6.py read_mac: "BASE MAC: 60:55:f9:f7:2c:a2 ... EXT_MAC: ff:fe" is MAC_EFUSE_REG 0xF9F72CA2 and
        // the next word 0xFFFE6055 (the high half is the EUI-64 filler, not part of the base MAC).
        Map<Long, Integer> r = Map.of(0x600B0844L, 0xF9F72CA2, 0x600B0848L, 0xFFFE6055);
        assertEquals("60:55:f9:f7:2c:a2", ChipSpecs.named("esp32c6").readMac(regs(r)));
        assertEquals("60:55:f9:f7:2c:a2", MacAddress.fromWords(0xF9F72CA2, 0xFFFE6055));
    }

    @Test
    void esp32c6PackagesAndRevision() throws Exception {
        long w3 = 0x600B0844L + 12;
        long w4 = 0x600B0844L + 16;
        // esp32c6.py: pkg word3[26:24], major word3[23:22], minor word3[21:18]
        assertEquals(id("ESP32-C6 (QFN40)", 0, 1), identify("esp32c6", Map.of(w3, 1 << 18)));
        assertEquals(id("ESP32-C6FH4 (QFN32)", 1, 15), identify("esp32c6", Map.of(w3, (1 << 24) | (1 << 22)
                | (15 << 18))));
        // later esptool (v5 esp32c6.py) tells the FH8 by FLASH_CAP word4[2:0] = 2
        assertEquals("ESP32-C6FH8 (QFN32)", identify("esp32c6", Map.of(w3, 1 << 24, w4, 2)).description());
        assertEquals("unknown ESP32-C6", identify("esp32c6", Map.of(w3, 2 << 24)).description());
    }

    @Test
    void chipsWithTheWord2Layout() throws Exception {
        // esp32c61.py, esp32c5.py, esp32c5beta3.py, esp32p4.py: minor word2[3:0], major word2[5:4], package at
        // word2[28:26] (word2[22:20] on the P4)
        assertEquals(id("ESP32-C61", 1, 3), identify("esp32c61", Map.of(0x600B4844L + 8, (1 << 4) | 3)));
        assertEquals("unknown ESP32-C61", identify("esp32c61", Map.of(0x600B4844L + 8, 1 << 26)).description());
        assertEquals(id("ESP32-C5", 1, 0), identify("esp32c5", Map.of(0x600B4844L + 8, 1 << 4)));
        assertEquals(id("ESP32-C5 beta3 (QFN40)", 0, 2), identify("esp32c5beta3", Map.of(0x600B0844L + 8, 2)));
        assertEquals(id("ESP32-P4", 1, 0), identify("esp32p4", Map.of(0x5012D044L + 8, (1 << 4) | (1 << 26))));
        assertEquals("unknown ESP32-P4", identify("esp32p4", Map.of(0x5012D044L + 8, 1 << 20)).description());
        assertEquals("34:85:18:12:34:56", ChipSpecs.named("esp32p4")
                .readMac(regs(Map.of(0x5012D044L, 0x18123456, 0x5012D048L, 0x3485))));
    }

    @Test
    void esp32h2AndItsBetas() throws Exception {
        // esp32h2.py: pkg word4[2:0], minor word3[20:18], major word3[22:21]; block from ESP32C6ROM
        assertEquals(id("ESP32-H2", 1, 2), identify("esp32h2", Map.of(0x600B0844L + 12, (1 << 21) | (2 << 18))));
        assertEquals("unknown ESP32-H2", identify("esp32h2", Map.of(0x600B0844L + 16, 1)).description());
        // esp32h2beta1.py: EFUSE_BASE 0x6001A000; esp32h2beta2.py names package 1
        assertEquals(id("ESP32-H2", 0, 3), identify("esp32h2beta1", Map.of(0x6001A044L + 12, 3 << 18)));
        assertEquals("ESP32-H2(beta2)", identify("esp32h2beta2", Map.of(0x6001A044L + 16, 1)).description());
        assertEquals("unknown ESP32-H2", identify("esp32h2beta2", Map.of()).description());
    }

    @Test
    void esp8266PartAndMacFromTheOtp() throws Exception {
        ChipSpec e = ChipSpecs.named("esp8266");
        // esp8266.py read_mac: OUI in MAC3 when set (the VirtualEsp's 5c:cf:7f:12:34:56), else coded in MAC1[23:16]
        assertEquals("5c:cf:7f:12:34:56", e.readMac(regs(Map.of(0x3FF0005CL, 0x5CCF7F, 0x3FF00054L, 0x1234,
                0x3FF00050L, 0x56000000))));
        assertEquals("18:fe:34:12:34:56", e.readMac(regs(Map.of(0x3FF00050L, 0x56000000, 0x3FF00054L, 0x1234))));
        assertEquals("ac:d0:74:12:34:56", e.readMac(regs(Map.of(0x3FF00050L, 0x56000000, 0x3FF00054L, 0x011234))));
        assertEquals("", e.readMac(regs(Map.of(0x3FF00054L, 0x020000))), "esptool: Unknown OUI");
        assertEquals(new Identity("ESP8266EX", ChipRevision.UNKNOWN), e.identify(regs(Map.of())));
        // _get_flash_size: r0_4 and r3_26 without r3_25, r3_27 is 2 MB; bit 5 is the high-temperature part
        assertEquals("ESP8285H16", e.identify(regs(Map.of(0x3FF00050L, (1 << 4) | (1 << 5), 0x3FF0005CL, 1 << 26)))
                .description());
        assertEquals("ESP8285N08", e.identify(regs(Map.of(0x3FF00050L, 1 << 4))).description());
        assertEquals("ESP8285", e.identify(regs(Map.of(0x3FF00058L, 1 << 16, 0x3FF0005CL, 1 << 27))).description());
    }

    @Test
    void crystalFromTheUartDividerAsEsptoolEstimatesIt() throws Exception {
        // loader.py get_crystal_freq: baud * divider / 1e6 / XTAL_CLK_DIVIDER, normalised to 26, 40 or 48
        assertEquals(40, ChipSpecs.named("esp32").crystal().mhz(regs(Map.of(0x3FF40014L, 347)), 115200));
        assertEquals(26, ChipSpecs.named("esp8266").crystal().mhz(regs(Map.of(0x60000014L, 451)), 115200));
        assertEquals(26, ChipSpecs.named("esp32c2").crystal().mhz(regs(Map.of(0x60000014L, 226)), 115200));
        assertEquals(48, ChipSpecs.named("esp32c5").crystal().mhz(regs(Map.of(0x60000014L, 417)), 115200));
        assertEquals(0, ChipSpecs.named("esp32c5").crystal().mhz(regs(Map.of()), 0), "no line rate, no estimate");
        assertEquals(32, ChipSpecs.named("esp32h2").crystal().mhz(regs(Map.of()), 0));
    }

    @Test
    void fieldsAreReadUnsignedAndConcatenatedMostSignificantFirst() throws Exception {
        EfuseField top = new EfuseField(0x10, 28, 4);
        assertEquals(0xF, top.read(regs(Map.of(0x10L, 0xF0000000))));
        assertEquals(0b1_011, EfuseValue.of(new EfuseField(0x10, 0, 1), new EfuseField(0x14, 4, 3))
                .read(regs(Map.of(0x10L, 1, 0x14L, 0b011 << 4))));
        assertEquals(new EfuseField(0x5012D04CL, 20, 3), EfuseField.at(0x5012D044L, 2, 20, 3));
        assertThrows(IllegalArgumentException.class, () -> new EfuseField(0, 30, 3));
        assertThrows(IllegalArgumentException.class, () -> new EfuseField(0, 0, 0));
        assertThrows(IllegalArgumentException.class, EfuseValue::of);
    }
}
