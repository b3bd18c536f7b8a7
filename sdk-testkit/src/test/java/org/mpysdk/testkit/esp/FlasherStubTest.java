package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.testkit.Peers;

/**
 * The flasher with the real stub flasher images (esptool-js's JSON files) uploaded to VirtualEsp:
 * stub upload, compressed pipelined writes, skip on re-flash, streamed reads, erase, baud change.
 */
@Tag(Peers.TAG)
@Timeout(60)
class FlasherStubTest {
    private static Path stubs;

    @BeforeAll
    static void findStubs() {
        stubs = FlasherFixtures.requireStubs();
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp8266", "esp32", "esp32s3", "esp32c3"})
    void uploadsTheStubAndFlashesCompressedWithVerification(String key) throws Exception {
        Chip c = Chip.parse(key);
        byte[] fw = FlasherFixtures.firmware(c, 300_000, key.hashCode());
        try (VirtualEsp chip = VirtualEsp.create(key); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.withStub(t, stubs, 0)) {
            assertTrue(esp.chip().stubRunning());
            assertEquals(1, chip.stubUploads());
            assertEquals(EspMode.STUB, chip.mode());
            FlashResult r = esp.flash(FlashImage.forChip(c, fw));
            assertTrue(r.verified(), r.toString());
            assertTrue(r.compressedBytes() < fw.length / 2, r.toString());
            assertArrayEquals(fw, chip.flash().read((int) c.flashOffset(), fw.length));
            assertTrue(chip.commandCount(Opcode.FLASH_DEFL_END) >= 1, "stub write ends with the barrier");
        }
    }

    @Test
    void aResetMidFlashLoadsTheStubAndTheBaudRateAgainAndWritesTheRegionAgain() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 300_000, 41);
        FaultPlan plan = FaultPlan.builder().resetMidFlash(8, true).build();
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).faults(plan).build(); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.withStub(t, stubs, 460800)) {
            FlashResult r = esp.flash(FlashImage.forChip(Chip.ESP32, fw));
            assertTrue(r.verified(), r.toString());
            assertEquals(1, r.regions().get(0).rewrites(), r.toString());
            assertEquals(2, chip.stubUploads(), "the reset lost the stub: it was uploaded again");
            assertEquals(EspMode.STUB, chip.mode());
            assertEquals(460800, chip.baudRate(), "and the baud rate set again");
            assertArrayEquals(fw, chip.flash().read((int) Chip.ESP32.flashOffset(), fw.length));
        }
    }

    @Test
    void reflashSkipsReadBackMatchesAndEraseWorks() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32, 500_000, 7);
        byte[] data = FlasherFixtures.payload(70_000, 8);
        FlashImage image = new FlashImage(Chip.ESP32, List.of(new FlashRegion(0x1000, fw),
                new FlashRegion(0x200000, data)));
        try (VirtualEsp chip = VirtualEsp.create("esp32"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.withStub(t, stubs, 0)) {
            FlashResult first = esp.flash(image);
            assertEquals(2, first.regions().size());
            assertEquals(0, first.skippedRegions().size());
            long begins = chip.commandCount(Opcode.FLASH_DEFL_BEGIN);
            FlashResult second = esp.flash(image);
            assertEquals(2, second.skippedRegions().size());
            assertEquals(begins, chip.commandCount(Opcode.FLASH_DEFL_BEGIN));
            assertTrue(second.seconds() * 10 < first.seconds() || second.compressedBytes() == 0);

            assertArrayEquals(data, esp.readFlash(0x200000, data.length));
            assertArrayEquals(java.util.Arrays.copyOf(fw, 5000), esp.readFlash(0x1000, 5000));

            esp.eraseRegion(0x200000, 0x12000);
            assertTrue(chip.flash().isErased(0x200000, 0x12000));
            esp.eraseFlash();
            assertTrue(chip.flash().isErased(0, 4 << 20));
        }
    }

    @Test
    void changesBaudRateThenFlashes() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32_S3, 100_000, 9);
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32s3()).lineRate(true).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.withStub(t, stubs, 921600)) {
            assertEquals(921600, esp.baudRate());
            assertEquals(List.of(921600), chip.baudChanges());
            assertEquals(921600, t.baudRate());
            FlashResult r = esp.flash(FlashImage.forChip(Chip.ESP32_S3, fw));
            assertTrue(r.verified());
            assertArrayEquals(fw, chip.flash().read(0, fw.length));
        }
    }

    @Test
    void overTcpLikeSocketPorts() throws Exception {
        byte[] fw = FlasherFixtures.firmware(Chip.ESP32_C3, 50_000, 10);
        try (VirtualEsp chip = VirtualEsp.create("esp32c3"); VirtualEspServer server = chip.serveTcp();
                var t = org.mpysdk.core.Transports.open(server.uri());
                EspBootloader esp = FlasherFixtures.withStub(t, stubs, 460800)) {
            FlashResult r = esp.flash(FlashImage.forChip(Chip.ESP32_C3, fw));
            assertTrue(r.verified());
            assertArrayEquals(fw, chip.flash().read(0, fw.length));
        }
    }
}
