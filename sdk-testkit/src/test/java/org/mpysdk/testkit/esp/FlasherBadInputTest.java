package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.flash.BootloaderNotRespondingException.Reason;
import org.mpysdk.core.flash.BootloaderNotRespondingException;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipMismatchException;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.FlashVerificationException;
import org.mpysdk.core.flash.ImageTooLargeException;
import org.mpysdk.core.flash.MalformedImageException;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.flash.PartialFlashException;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.serial.esp.ChipResetException;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.stub.StubSource;

/** Images that must be refused before erasing, boards that do not answer, and writes that fail. */
@Timeout(60)
class FlasherBadInputTest {

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0x5A);
        return b;
    }

    private static void assertNothingErased(VirtualEsp chip, byte[] before) {
        assertEquals(0, chip.commandCount(Opcode.FLASH_BEGIN) + chip.commandCount(Opcode.FLASH_DEFL_BEGIN)
                + chip.commandCount(Opcode.ERASE_FLASH) + chip.commandCount(Opcode.ERASE_REGION));
        assertArrayEquals(before, chip.flash().read(0, before.length));
    }

    @Test
    void anImageForAnotherChipIsRefusedBeforeErasing() throws Exception {
        try (VirtualEsp chip = VirtualEsp.create("esp32"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            chip.flash().load(0, pattern(0x3000));
            byte[] s3 = FlasherFixtures.firmware(Chip.ESP32_S3, 1000, 1);
            ChipMismatchException byHeader = assertThrows(ChipMismatchException.class,
                    () -> esp.flash(FlashImage.at(0x1000, s3)));
            assertEquals(Chip.ESP32_S3, byHeader.imageChip());
            assertEquals(Chip.ESP32, byHeader.connectedChip());
            assertTrue(byHeader.getMessage().contains("nothing was erased"));
            ChipMismatchException declared = assertThrows(ChipMismatchException.class,
                    () -> esp.flash(FlashImage.forChip(Chip.ESP32_C3, FlasherFixtures.firmware(Chip.ESP32_C3, 10, 2))));
            assertEquals(Chip.ESP32_C3, declared.imageChip());
            byte[] e8266 = FlasherFixtures.firmware(Chip.ESP8266, 100, 3);
            assertEquals(Chip.ESP8266, assertThrows(ChipMismatchException.class,
                    () -> esp.flash(FlashImage.at(0x1000, e8266))).imageChip());
            assertNothingErased(chip, pattern(0x3000));
            // forced, it goes through
            assertTrue(esp.flash(FlashImage.at(0x1000, s3), FlashOptions.defaults().withForce(true)).verified());
        }
    }

    @Test
    void anImageLargerThanTheFlashIsRefusedBeforeErasing() throws Exception {
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).flashSize(1 << 20).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.romOnly(t)) {
            assertEquals(1L << 20, esp.chip().flashSize());
            chip.flash().load(0, pattern(0x2000));
            ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                    () -> esp.flash(FlashImage.forChip(Chip.ESP32, FlasherFixtures.firmware(Chip.ESP32, 1 << 20, 4))));
            assertEquals(1L << 20, e.flashSize());
            assertEquals(0x1000 + FlasherFixtures.firmware(Chip.ESP32, 1 << 20, 4).length, e.imageEnd());
            assertTrue(e.getMessage().contains("1 MB"), e.getMessage());
            assertNothingErased(chip, pattern(0x2000));
        }
    }

    @Test
    void aCorruptHeaderIsAClearError() throws Exception {
        try (VirtualEsp chip = VirtualEsp.create("esp32c3"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            byte[] fw = FlasherFixtures.firmware(Chip.ESP32_C3, 1000, 5);
            byte[] truncated = java.util.Arrays.copyOf(fw, 1000);
            MalformedImageException e = assertThrows(MalformedImageException.class,
                    () -> esp.flash(FlashImage.at(0, truncated)));
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
            byte[] badSum = fw.clone();
            badSum[100] ^= 0x40;
            assertTrue(assertThrows(MalformedImageException.class, () -> esp.flash(FlashImage.at(0, badSum)))
                    .getMessage().contains("does not match"));
            byte[] notAnImage = pattern(5000);
            assertTrue(assertThrows(MalformedImageException.class, () -> esp.flash(FlashImage.at(0, notAnImage)))
                    .getMessage().contains("0xE9"));
            assertNothingErased(chip, new byte[0]);
        }
    }

    @Test
    void noAnswerToSyncTellsSilenceFromAnApplicationRunning() throws Exception {
        ConnectOptions quick = ConnectOptions.defaults().withReset(ResetMode.NO_RESET).withAttempts(2);
        try (VirtualEsp chip = VirtualEsp.create("esp32"); var t = chip.openTransport()) {
            t.setControlLines(false, true);  // EN held low: the chip is in reset and silent
            BootloaderNotRespondingException e = assertThrows(BootloaderNotRespondingException.class,
                    () -> EspBootloader.connect(t, quick, OperationScope.none(), StubSource.none()));
            assertEquals(Reason.SILENCE, e.reason());
            assertEquals("virtual:esp32", e.port());
            assertTrue(e.getMessage().contains("cable"), e.getMessage());
        }
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).runningApplication(true)
                .applicationOutput("MicroPython v1.22.2 on 2024-02-22; ESP32 module with ESP32\r\n>>> ").build();
                var t = chip.openTransport()) {
            BootloaderNotRespondingException e = assertThrows(BootloaderNotRespondingException.class,
                    () -> EspBootloader.connect(t, quick, OperationScope.none(), StubSource.none()));
            assertEquals(Reason.NOT_SLIP, e.reason());
            assertTrue(e.sample().length > 0);
            assertTrue(e.getMessage().contains("BOOT"), e.getMessage());
        }
    }

    @Test
    void aResetCircuitGetsTheChipIntoTheLoader() throws Exception {
        // The same application-running chip, but with DTR/RTS: the tight/classic reset enters download mode.
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).runningApplication(true).build();
                var t = chip.openTransport();
                EspBootloader esp = EspBootloader.connect(t, ConnectOptions.defaults().withStub(false),
                        OperationScope.none(), StubSource.none())) {
            assertEquals(Chip.ESP32, esp.chip().chip());
        }
    }

    @Test
    void md5MismatchRewritesOnceThenFailsNamingTheRegion() throws Exception {
        byte[] data = new byte[0x2000];
        java.util.Arrays.fill(data, (byte) 0x11);
        FlashImage image = FlashImage.of(new FlashRegion(0x100000, data));
        FlashOptions plain = FlashOptions.defaults().withCompress(false).withSkipUnchanged(false);
        long mark;
        long span;
        // A clean run shows where the region's bytes go on the wire...
        try (VirtualEsp chip = VirtualEsp.create("esp32");
                var t = new FlasherFixtures.CountingTransport(chip.openTransport());
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            mark = t.written();
            esp.flash(image, plain);
            span = t.written() - mark;
        }
        // ...then two inverted bytes in one block (the XOR checksum still matches) spoil the flash contents.
        long first = mark + 200;
        long second = mark + span + 200;
        FaultPlan once = FaultPlan.builder().corruptInputByte(first).corruptInputByte(first + 1).build();
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).faults(once).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.romOnly(t)) {
            FlashResult r = esp.flash(image, plain);
            assertTrue(r.verified());
            assertEquals(1, r.regions().get(0).rewrites());
            assertArrayEquals(data, chip.flash().read(0x100000, data.length));
        }
        FaultPlan twice = FaultPlan.builder().corruptInputByte(first).corruptInputByte(first + 1)
                .corruptInputByte(second).corruptInputByte(second + 1).build();
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).faults(twice).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.romOnly(t)) {
            FlashVerificationException e = assertThrows(FlashVerificationException.class, () -> esp.flash(image, plain));
            assertEquals(0x100000, e.failedOffset());
            assertEquals(0x2000, e.failedLength());
            assertTrue(e.getMessage().contains("0x100000"), e.getMessage());
            assertEquals(List.of(), e.completed());
        }
    }

    @Test
    void aResetMidFlashIsReportedAsPartialWithWhatWasCompleted() throws Exception {
        FlashImage image = firmwareAndData(11);
        // The first region takes 24 blocks of 1 KiB; the brown-out comes in the second, and the chip boots
        // its application.
        FaultPlan plan = FaultPlan.builder().resetMidFlash(30, false).build();
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).faults(plan).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.romOnly(t)) {
            PartialFlashException e = assertThrows(PartialFlashException.class,
                    () -> esp.flash(image, FlashOptions.defaults().withCompress(false).withSkipUnchanged(false)));
            assertEquals(1, e.completed().size(), e.getMessage());
            assertEquals(0x1000, e.completed().get(0).offset());
            assertTrue(e.completed().get(0).verified());
            assertEquals(0x100000, e.failedOffset());
            assertTrue(e.getMessage().contains("partly written"), e.getMessage());
            // Without reset lines (NO_RESET) a chip that booted its application cannot be brought back.
            assertTrue(e.getMessage().contains("the chip reset and did not come back into its loader"), e.getMessage());
            assertTrue(java.util.Arrays.stream(e.getCause().getSuppressed()).anyMatch(x -> x instanceof ChipResetException),
                    "the reset stays attached to the failure");
        }
    }

    @Test
    void aResetIntoTheLoaderMidFlashIsHealedByConnectingAgainAndWritingTheRegionAgain() throws Exception {
        FlashImage image = firmwareAndData(21);
        byte[] second = image.regions().get(1).bytes();
        // A brown-out in the second region's blocks, after which the chip sits in its ROM loader again.
        FaultPlan plan = FaultPlan.builder().resetMidFlash(30, true).build();
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).faults(plan).build();
                var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.romOnly(t)) {
            long syncsBefore = chip.commandCount(Opcode.SYNC);
            FlashResult r = esp.flash(image, FlashOptions.defaults().withCompress(false).withSkipUnchanged(false));
            assertTrue(chip.commandCount(Opcode.SYNC) > syncsBefore, "it synced again after the reset");
            assertEquals(2, r.regions().size());
            assertEquals(0, r.regions().get(0).rewrites());
            assertEquals(1, r.regions().get(1).rewrites(), "the region the reset hit was written again");
            assertTrue(r.regions().get(1).verified());
            assertArrayEquals(second, chip.flash().read(0x100000, second.length));
            // The session goes on after it.
            assertArrayEquals(esp.md5(0x100000, second.length), java.security.MessageDigest.getInstance("MD5").digest(second));
        }
    }

    /** A firmware at 0x1000 (24 blocks of 1 KiB) and 60 KB of data at 0x100000, both for the ESP32. */
    private static FlashImage firmwareAndData(long seed) {
        return new FlashImage(Chip.ESP32, List.of(new FlashRegion(0x1000, FlasherFixtures.firmware(Chip.ESP32, 20_000, seed)),
                new FlashRegion(0x100000, FlasherFixtures.payload(60_000, seed + 1))));
    }
}
