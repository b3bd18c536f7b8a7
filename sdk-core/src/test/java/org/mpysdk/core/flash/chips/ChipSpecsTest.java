package org.mpysdk.core.flash.chips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.flash.Chip;

/**
 * The chip table against esptool 4.8.1's sources: every expected value below is copied from the esptool file named
 * in the comment next to it (esptool/targets/&lt;chip&gt;.py at tag v4.8.1 unless said otherwise).
 */
class ChipSpecsTest {
    /** esptool/targets/__init__.py: CHIP_DEFS, in its order. */
    private static final List<String> ESPTOOL_48_CHIPS = List.of("esp8266", "esp32", "esp32s2", "esp32s3beta2",
            "esp32s3", "esp32c3", "esp32c6beta", "esp32h2beta1", "esp32h2beta2", "esp32c2", "esp32c6", "esp32c61",
            "esp32c5", "esp32c5beta3", "esp32h2", "esp32p4");

    @Test
    void everyChipEsptool48KnowsIsDescribedInItsOrder() {
        assertEquals(ESPTOOL_48_CHIPS, ChipSpecs.all().stream().map(ChipSpec::esptoolName).toList());
    }

    @Test
    void everyDescribedChipHasExactlyOneChipConstant() {
        assertEquals(ChipSpecs.all().size(), Chip.values().length);
        for (ChipSpec spec : ChipSpecs.all()) {
            Chip chip = Chip.parse(spec.esptoolName());
            assertSame(spec, chip.spec());
            assertEquals(spec.esptoolName(), chip.idfTarget());
            assertEquals(Optional.of(chip), Chip.fromName(spec.displayName()), spec.displayName());
        }
        assertThrows(IllegalArgumentException.class, () -> ChipSpecs.named("esp32s4"));
    }

    @Test
    void detectionByMagicPicksTheChipEsptoolPicks() {
        Map<Long, String> magic = Map.ofEntries(
                Map.entry(0xFFF0C101L, "esp8266"),       // esp8266.py
                Map.entry(0x00F01D83L, "esp32"),         // esp32.py
                Map.entry(0x000007C6L, "esp32s2"),       // esp32s2.py
                Map.entry(0xEB004136L, "esp32s3beta2"),  // esp32s3beta2.py
                Map.entry(0x9L, "esp32s3"),              // esp32s3.py
                Map.entry(0x6921506FL, "esp32c3"),       // esp32c3.py: eco 1+2
                Map.entry(0x1B31506FL, "esp32c3"),       // esp32c3.py: eco 3
                Map.entry(0x4881606FL, "esp32c3"),       // esp32c3.py: eco 6
                Map.entry(0x4361606FL, "esp32c3"),       // esp32c3.py: eco 7
                Map.entry(0x0DA1806FL, "esp32c6beta"),   // esp32c6beta.py
                Map.entry(0xCA26CC22L, "esp32h2beta1"),  // esp32h2beta1.py
                Map.entry(0x6881B06FL, "esp32h2beta2"),  // esp32h2beta2.py
                Map.entry(0x6F51306FL, "esp32c2"),       // esp32c2.py: eco 0
                Map.entry(0x7C41A06FL, "esp32c2"),       // esp32c2.py: eco 1
                Map.entry(0x0C21E06FL, "esp32c2"),       // esp32c2.py: eco 4
                Map.entry(0x2CE0806FL, "esp32c6"),       // esp32c6.py
                Map.entry(0x33F0206FL, "esp32c61"),      // esp32c61.py
                Map.entry(0x2421606FL, "esp32c61"),      // esp32c61.py
                Map.entry(0x1101406FL, "esp32c5"),       // esp32c5.py
                Map.entry(0xE10D8082L, "esp32c5beta3"),  // esp32c5beta3.py
                Map.entry(0xD7B73E80L, "esp32h2"),       // esp32h2.py
                Map.entry(0x0L, "esp32p4"),              // esp32p4.py
                Map.entry(0x0ADDBAD0L, "esp32p4"),       // esp32p4.py
                Map.entry(0x63E1406FL, "esp32c5"),       // later: esptool 4.10 (6cc002c, C5 ECO1)
                Map.entry(0x4F81606FL, "esp32c61"),      // later: esptool-js 0.7.0 esploader.js
                Map.entry(0x97E30068L, "esp32h2"),       // later: esptool-js 0.7.0 esploader.js
                Map.entry(0x07039AD9L, "esp32p4"));      // later: esptool-js 0.7.0 esploader.js
        magic.forEach((value, name) ->
                assertEquals(name, ChipSpecs.byMagic((int) (long) value).orElseThrow().esptoolName(), Long.toHexString(value)));
        assertEquals(Optional.empty(), ChipSpecs.byMagic(0x12345678));
        // No two chips claim one magic value, so the lookup order cannot change an answer.
        for (ChipSpec spec : ChipSpecs.all()) {
            for (long m : spec.rom().magicValues()) {
                assertSame(spec, ChipSpecs.byMagic((int) m).orElseThrow(), spec.esptoolName());
            }
        }
    }

    @Test
    void detectionByChipIdPicksTheChipOfThatImageChipId() {
        Map<Integer, String> ids = Map.ofEntries(
                Map.entry(0, "esp32"),          // esp32.py IMAGE_CHIP_ID
                Map.entry(2, "esp32s2"),        // esp32s2.py
                Map.entry(4, "esp32s3beta2"),   // esp32s3beta2.py
                Map.entry(5, "esp32c3"),        // esp32c3.py
                Map.entry(7, "esp32c6beta"),    // esp32c6beta.py
                Map.entry(9, "esp32s3"),        // esp32s3.py
                Map.entry(10, "esp32h2beta1"),  // esp32h2beta1.py
                Map.entry(12, "esp32c2"),       // esp32c2.py
                Map.entry(13, "esp32c6"),       // esp32c6.py
                Map.entry(14, "esp32h2beta2"),  // esp32h2beta2.py
                Map.entry(16, "esp32h2"),       // esp32h2.py
                Map.entry(17, "esp32c5beta3"),  // esp32c5beta3.py
                Map.entry(18, "esp32p4"),       // esp32p4.py
                Map.entry(20, "esp32c61"),      // esp32c61.py
                Map.entry(23, "esp32c5"));      // esp32c5.py
        ids.forEach((id, name) -> assertEquals(name, ChipSpecs.byImageChipId(id).orElseThrow().esptoolName()));
        assertEquals(ChipSpecs.all().size() - 1, ids.size(), "every chip but the ESP8266 has an id");
        assertEquals(Optional.empty(), ChipSpecs.byImageChipId(-1), "the ESP8266 has none");
        assertEquals(Optional.empty(), ChipSpecs.byImageChipId(6), "loader.py UNSUPPORTED_CHIPS: ESP32-S3(beta 3)");
    }

    /** One row of esptool facts: BOOTLOADER_FLASH_OFFSET, SPI_REG_BASE, MAC_EFUSE_REG, crystal, STATUS_BYTES_LENGTH. */
    private record Row(String chip, long bootloaderOffset, long spiBase, long macEfuseReg, Crystal crystal, int status) {
    }

    @Test
    void romAndImageFactsAreEsptools() {
        List<Row> rows = List.of(
                // esp8266.py: ESP_OTP_MAC0, UART_CLKDIV_REG, XTAL_CLK_DIVIDER = 2, STATUS_BYTES_LENGTH 2 (loader.py)
                new Row("esp8266", 0x0, 0x60000200L, -1, Crystal.fromUartDivider(0x60000014L, 2), 2),
                // esp32.py: read_mac reads efuse words 1 and 2 of EFUSE_RD_REG_BASE 0x3FF5A000
                new Row("esp32", 0x1000, 0x3FF42000L, 0x3FF5A004L, Crystal.fromUartDivider(0x3FF40014L, 1), 4),
                // esp32s2.py: inherits the ESP32's 0x1000; get_crystal_freq 40
                new Row("esp32s2", 0x1000, 0x3F402000L, 0x3F41A044L, Crystal.fixed(40), 4),
                // esp32s3beta2.py: MAC_EFUSE_REG was computed in ESP32S3ROM from the S3's EFUSE_BASE
                new Row("esp32s3beta2", 0x0, 0x60002000L, 0x60007044L, Crystal.fixed(40), 4),
                new Row("esp32s3", 0x0, 0x60002000L, 0x60007044L, Crystal.fixed(40), 4),
                new Row("esp32c3", 0x0, 0x60002000L, 0x60008844L, Crystal.fixed(40), 4),
                // esp32c6beta.py: everything from ESP32C3ROM
                new Row("esp32c6beta", 0x0, 0x60002000L, 0x60008844L, Crystal.fixed(40), 4),
                // esp32h2beta1.py: EFUSE_BASE 0x6001A000, get_crystal_freq 32
                new Row("esp32h2beta1", 0x0, 0x60002000L, 0x6001A044L, Crystal.fixed(32), 4),
                new Row("esp32h2beta2", 0x0, 0x60002000L, 0x6001A044L, Crystal.fixed(32), 4),
                // esp32c2.py: MAC_EFUSE_REG = EFUSE_BASE + 0x040; crystal from ESPLoader.get_crystal_freq
                new Row("esp32c2", 0x0, 0x60002000L, 0x60008840L, Crystal.fromUartDivider(0x60000014L, 1), 4),
                new Row("esp32c6", 0x0, 0x60003000L, 0x600B0844L, Crystal.fixed(40), 4),
                // esp32c61.py: EFUSE_BASE 0x600B4800, SPI and crystal from ESP32C6ROM
                new Row("esp32c61", 0x0, 0x60003000L, 0x600B4844L, Crystal.fixed(40), 4),
                // esp32c5.py: 0x2000 is esptool's later fix (ec12073), 4.8.1 inherits 0x0; crystal from the UART divider
                new Row("esp32c5", 0x2000, 0x60003000L, 0x600B4844L, Crystal.fromUartDivider(0x60000014L, 1), 4),
                // esp32c5beta3.py: MAC_EFUSE_REG from ESP32C6ROM
                new Row("esp32c5beta3", 0x0, 0x60003000L, 0x600B0844L, Crystal.fromUartDivider(0x60000014L, 1), 4),
                // esp32h2.py: eFuse and SPI from ESP32C6ROM, get_crystal_freq 32
                new Row("esp32h2", 0x0, 0x60003000L, 0x600B0844L, Crystal.fixed(32), 4),
                // esp32p4.py: SPIMEM1, "first 2 sectors are reserved"
                new Row("esp32p4", 0x2000, 0x5008D000L, 0x5012D044L, Crystal.fixed(40), 4));
        assertEquals(ESPTOOL_48_CHIPS, rows.stream().map(Row::chip).toList());
        for (Row r : rows) {
            ChipSpec s = ChipSpecs.named(r.chip());
            assertEquals(r.bootloaderOffset(), s.image().bootloaderOffset(), r.chip());
            assertEquals(r.spiBase(), s.spi().base(), r.chip());
            if (r.macEfuseReg() >= 0) {
                assertEquals(MacLayout.efuseWords(r.macEfuseReg()), s.mac(), r.chip());
            }
            assertEquals(r.crystal(), s.crystal(), r.chip());
            assertEquals(r.status(), s.rom().statusLength(), r.chip());
            assertEquals(RomLoader.ROM_BAUD, s.rom().baud(), "loader.py ESP_ROM_BAUD");
            assertTrue(s.stub().shippedWithEsptool(), "targets/stub_flasher/1/" + r.chip() + ".json");
        }
    }

    @Test
    void romCommandsFollowEsptoolsDecorators() {
        for (ChipSpec s : ChipSpecs.all()) {
            boolean esp8266 = s.esptoolName().equals("esp8266");
            boolean esp32 = s.esptoolName().equals("esp32");
            // loader.py stub_and_esp32_function_only: everything but the ESP8266 ROM
            assertEquals(!esp8266, s.rom().esp32Commands(), s.esptoolName());
            // SUPPORTS_ENCRYPTED_FLASH is set from esp32s2.py on
            assertEquals(!esp8266 && !esp32, s.rom().encryptedFlash(), s.esptoolName());
            // esp8266.py get_erase_size: the ROM erase bug workaround
            assertEquals(esp8266, s.rom().eraseSizeBug(), s.esptoolName());
            assertEquals(esp8266, s.stub().runsUserCode(), "loader.py soft_reset: RUN_USER_CODE on the ESP8266 stub");
            assertEquals(!esp8266, s.image().hasExtendedHeader(), s.esptoolName());
        }
    }

    @Test
    void headerCodesAreEsptools() {
        assertEquals(0x0, Chip.ESP32_C6.flashFreqCode("80m"), "esp32c6.py: workaround for wrong mspi HS div value");
        assertEquals(0xF, Chip.ESP32_C61.flashFreqCode("80m"), "esp32c61.py");
        assertEquals(0xF, Chip.ESP32_C5_BETA3.flashFreqCode("80m"), "esp32c5beta3.py");
        assertEquals(0xF, Chip.ESP32_C2.flashFreqCode("60m"), "esp32c2.py");
        assertEquals(0x2, Chip.ESP32_C2.flashFreqCode("15m"), "esp32c2.py");
        assertEquals(0xF, Chip.ESP32_H2.flashFreqCode("48m"), "esp32h2.py");
        assertEquals(0x1, Chip.ESP32_H2_BETA1.flashFreqCode("16m"), "esp32h2beta1.py");
        assertEquals(0x1, Chip.ESP32_P4.flashFreqCode("26m"), "esp32p4.py inherits esp32.py's FLASH_FREQUENCY");
        assertEquals(0x50, Chip.ESP8266.flashSizeCode("2MB-c1"), "esp8266.py FLASH_SIZES");
        assertEquals(0x70, Chip.ESP32_C5.flashSizeCode("128MB"), "esp32.py FLASH_SIZES, inherited");
        assertThrows(IllegalArgumentException.class, () -> Chip.ESP32_C6.flashFreqCode("26m"));
    }
}
