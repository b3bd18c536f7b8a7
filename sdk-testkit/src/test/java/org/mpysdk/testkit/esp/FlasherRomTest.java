package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.EspImageHeader;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashMode;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.HeaderPatch;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.UnsupportedCommandException;
import org.mpysdk.serial.esp.protocol.Opcode;

/** The flasher against VirtualEsp through the ROM loaders only (no stub): detection, writes, verification. */
@Timeout(60)
class FlasherRomTest {

    @ParameterizedTest
    @ValueSource(strings = {"esp8266", "esp32", "esp32s3", "esp32c3"})
    void detectsEachEmulatedChip(String key) throws Exception {
        try (VirtualEsp chip = VirtualEsp.create(key); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            ChipInfo info = esp.chip();
            assertEquals(Chip.parse(key), info.chip());
            assertEquals(4L << 20, info.flashSize());
            assertEquals(chip.flashId(), info.flash().orElseThrow().toRdid());
            assertFalse(info.mac().isEmpty());
            assertFalse(info.stubRunning());
            String expected = switch (key) {
                case "esp8266" -> "ESP8266EX";
                case "esp32" -> "ESP32-D0WD-V3";
                case "esp32s3" -> "ESP32-S3 (QFN56)";
                default -> "ESP32-C3 (QFN32)";
            };
            assertEquals(expected, info.description());
            if (key.equals("esp32")) {
                assertEquals("24:0a:c4:12:34:56", info.mac());
                assertEquals("v3.1", info.revision().toString());
                assertEquals(40, info.crystalMhz());
            }
            if (key.equals("esp8266")) {
                assertEquals(26, info.crystalMhz());
                assertEquals("5c:cf:7f:12:34:56", info.mac());
            }
        }
    }

    @Test
    void esp32RomWritesCompressedVerifiesAndSkipsOnReflash() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 200_000, 1);
        try (VirtualEsp chip = VirtualEsp.create("esp32"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            FlashResult first = esp.flash(FlashImage.forChip(Chip.ESP32, fw));
            assertTrue(first.verified());
            assertEquals(fw.length, first.bytes());
            assertTrue(first.compressedBytes() < fw.length / 2, "compressed: " + first);
            assertTrue(first.skippedRegions().isEmpty());
            assertArrayEquals(fw, chip.flash().read(0x1000, fw.length));
            assertTrue(chip.commandCount(Opcode.FLASH_DEFL_DATA) > 0);
            long beginsBefore = chip.commandCount(Opcode.FLASH_DEFL_BEGIN);

            FlashResult again = esp.flash(FlashImage.forChip(Chip.ESP32, fw));
            assertEquals(1, again.skippedRegions().size());
            assertEquals(0, again.compressedBytes());
            assertEquals(beginsBefore, chip.commandCount(Opcode.FLASH_DEFL_BEGIN), "nothing written again");
        }
    }

    @Test
    void esp8266RomWritesPlainBlocksWithoutVerification() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP8266, 30_000, 2);
        try (VirtualEsp chip = VirtualEsp.create("esp8266"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            // Verification is on by default, and the ESP8266 ROM has no MD5: asking for it is refused.
            assertThrows(org.mpysdk.core.flash.FlashNotVerifiedException.class,
                    () -> esp.flash(FlashImage.forChip(Chip.ESP8266, fw)));
            FlashResult r = esp.flash(FlashImage.forChip(Chip.ESP8266, fw), FlashOptions.defaults().withVerify(false));
            assertFalse(r.verified(), "the ESP8266 ROM has no MD5");
            assertEquals(fw.length, r.compressedBytes(), "no compression in the ESP8266 ROM");
            assertEquals(0, chip.commandCount(Opcode.FLASH_DEFL_DATA));
            assertArrayEquals(fw, chip.flash().read(0, fw.length));
            assertThrowsUnsupported(() -> esp.readFlash(0, 16));
            assertThrowsUnsupported(() -> esp.changeBaud(460800));
        }
    }

    @Test
    void romReadsSlowlyErasesRegionsAndWritesUnalignedOffsets() throws Exception {
        try (VirtualEsp chip = VirtualEsp.create("esp32s3"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            byte[] data = FlasherFixtures.payload(1000, 3);
            esp.flash(FlashImage.of(new FlashRegion(0x20100, data)), FlashOptions.defaults().withForce(true));
            assertArrayEquals(data, esp.readFlash(0x20100, data.length));
            byte[] before = chip.flash().read(0x20000, 0x100);
            byte[] ff = new byte[0x100];
            Arrays.fill(ff, (byte) 0xFF);
            assertArrayEquals(ff, before, "the ROM path pads the sector start with erased bytes");
            esp.eraseRegion(0x20000, 0x1000);
            assertTrue(chip.flash().isErased(0x20000, 0x1000));
        }
    }

    @Test
    void headerPatchAtTheBootloaderOffsetKeepsTheHashValid() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32_C3, 10_000, 4);
        try (VirtualEsp chip = VirtualEsp.create("esp32c3"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            esp.flash(FlashImage.forChip(Chip.ESP32_C3, fw), FlashOptions.defaults()
                    .withHeaderPatch(HeaderPatch.keep().withMode(FlashMode.DOUT).withSize(HeaderPatch.DETECT)));
            byte[] written = chip.flash().read(0, fw.length);
            assertEquals(3, written[2]);
            assertEquals(0x20, written[3] & 0xF0, "4MB detected");
            EspImageHeader h = EspImageHeader.parse(written);
            assertTrue(h.hashValid());
            assertArrayEquals(Arrays.copyOfRange(fw, h.dataLength() + 32, fw.length),
                    Arrays.copyOfRange(written, h.dataLength() + 32, fw.length));
        }
    }

    @Test
    void secureDownloadModeConnectsAndWritesWithoutVerification() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32_S3, 5000, 5);
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32s3()).secureDownloadMode(true).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.romOnly(t)) {
            assertTrue(esp.chip().secureDownloadMode());
            assertEquals(Chip.ESP32_S3, esp.chip().chip());
            FlashResult r = esp.flash(FlashImage.forChip(Chip.ESP32_S3, fw), FlashOptions.defaults().withVerify(false));
            assertFalse(r.verified());
            assertArrayEquals(fw, chip.flash().read(0, fw.length));
            assertEquals(List.of(), r.skippedRegions());
        }
    }

    private static void assertThrowsUnsupported(org.junit.jupiter.api.function.Executable e) {
        UnsupportedCommandException x = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedCommandException.class, e);
        assertTrue(x.getMessage().contains("stub"), x.getMessage());
    }
}
