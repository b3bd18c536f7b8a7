package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.ResponsePacket;

/** Fault injection, realism knobs and the reset circuit. */
@Timeout(30)
class VirtualEspFaultTest {
    private static final byte[] MAGIC = EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG);

    private static EspTestHost host(VirtualEsp esp) {
        return new EspTestHost(esp.openTransport()).romStatusLength(esp.profile().romStatusLength());
    }

    @Test
    void aDroppedResponseIsNeverSentButTheNextOneIs() throws Exception {
        FaultPlan faults = FaultPlan.builder().dropResponse(Opcode.READ_REG, 1).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).faults(faults).build(); EspTestHost host = host(esp)) {
            host.sync();
            host.send(Opcode.READ_REG, MAGIC);
            assertNull(host.response(Opcode.READ_REG, Duration.ofMillis(300)));
            assertEquals(0x00F01D83, host.command(Opcode.READ_REG, MAGIC).value());
        }
    }

    @Test
    void aCorruptedResponseArrivesWithItsFirstByteInverted() throws Exception {
        FaultPlan faults = FaultPlan.builder().corruptResponse(Opcode.READ_REG, 1).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).faults(faults).build(); EspTestHost host = host(esp)) {
            host.sync();
            host.send(Opcode.READ_REG, MAGIC);
            byte[] f = host.nextFrame(EspTestHost.WAIT);
            assertNotNull(f);
            assertEquals((byte) 0xFE, f[0], "0x01 inverted");
        }
    }

    @Test
    void aDelayedResponseWaitsOnTheClock() throws Exception {
        ManualClock clock = new ManualClock();
        FaultPlan faults = FaultPlan.builder().delayResponse(Opcode.READ_REG, 1, Duration.ofSeconds(7)).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).clock(clock).faults(faults).build();
                EspTestHost host = host(esp)) {
            host.sync();
            assertEquals(0x00F01D83, host.command(Opcode.READ_REG, MAGIC).value());
            assertEquals(Duration.ofSeconds(7).toNanos(), clock.sleptNanos());
        }
    }

    @Test
    void aLostCommandIsNeverAnswered() throws Exception {
        FaultPlan faults = FaultPlan.builder().dropCommand(Opcode.READ_REG, 2).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).faults(faults).build(); EspTestHost host = host(esp)) {
            host.sync();
            host.command(Opcode.READ_REG, MAGIC);
            host.send(Opcode.READ_REG, MAGIC);
            assertNull(host.response(Opcode.READ_REG, Duration.ofMillis(300)));
            host.command(Opcode.READ_REG, MAGIC);
        }
    }

    @Test
    void byteFaultsHitTheWire() throws Exception {
        // Byte 1 of the chip's output is the first SYNC answer's direction byte (byte 0 is 0xC0).
        FaultPlan faults = FaultPlan.builder().corruptOutputByte(1).dropInputByte(0).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).faults(faults).build(); EspTestHost host = host(esp)) {
            host.send(Opcode.SYNC, EspTestHost.SYNC_DATA); // loses its opening 0xC0, so the ROM never sees it
            assertNull(host.response(Opcode.SYNC, Duration.ofMillis(300)));
            host.send(Opcode.SYNC, EspTestHost.SYNC_DATA);
            byte[] first = host.nextFrame(EspTestHost.WAIT);
            assertEquals((byte) 0xFE, first[0], "corrupted on the wire");
            assertNotNull(host.response(Opcode.SYNC, EspTestHost.WAIT), "the other answers are intact");
        }
    }

    @Test
    void theChipFallsSilentAfterTheGivenNumberOfFrames() throws Exception {
        FaultPlan faults = FaultPlan.builder().stopAnsweringAfter(9).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).faults(faults).build(); EspTestHost host = host(esp)) {
            assertEquals(8, host.sync().size());
            host.command(Opcode.READ_REG, MAGIC); // frame 9
            host.send(Opcode.READ_REG, MAGIC);
            assertNull(host.response(Opcode.READ_REG, Duration.ofMillis(300)));
            assertEquals(0, host.readText(Duration.ofMillis(100)).length());
        }
    }

    @Test
    void aResetMidFlashLosesTheStubAndPrintsTheBootText() throws Exception {
        FaultPlan faults = FaultPlan.builder().resetMidFlash(2, true).build();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).faults(faults).build(); EspTestHost host = host(esp)) {
            host.sync();
            host.uploadStub();
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x8000, 2, 0x4000, 0));
            byte[] block = new byte[0x4000];
            assertEquals(0, host.dataBlock(Opcode.FLASH_DATA, block, 0).status(2));
            host.send(Opcode.FLASH_DATA, EspTestHost.dataPayload(block, 1), 0xEF);
            assertNull(host.response(Opcode.FLASH_DATA, Duration.ofMillis(300)));
            assertTrue(host.noise().contains("waiting for download"), host.noise());
            assertEquals(EspMode.ROM_LOADER, esp.mode());
            assertTrue(esp.flash().isErased(0x4000, 0x4000), "the second block never reached the flash");
        }
    }

    @Test
    void secureDownloadModeRefusesRegisterReadsButFlashes() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32s3()).secureDownloadMode(true).build();
                EspTestHost host = host(esp)) {
            host.sync();
            host.send(Opcode.READ_REG, MAGIC);
            assertNull(host.response(Opcode.READ_REG, Duration.ofMillis(300)), "unsupported in SDM");
            ResponsePacket info = host.command(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertEquals(4, EspTestHost.u32(info.data(), 0) & 4, "SECURE_DOWNLOAD_ENABLE flag");
            host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0));
            assertEquals(0, host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x1000, 1, 0x400, 0, 0)).status(4));
        }
    }

    @Test
    void aRunningApplicationAnswersTextInsteadOfSlip() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).runningApplication(true).build();
                EspTestHost host = host(esp)) {
            host.send(Opcode.SYNC, EspTestHost.SYNC_DATA);
            assertNull(host.response(Opcode.SYNC, Duration.ofMillis(300)));
            assertTrue(host.noise().contains("MicroPython"), host.noise());
        }
    }

    @Test
    void bootNoiseComesBeforeTheFirstFrame() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).bootNoise(true).build(); EspTestHost host = host(esp)) {
            assertEquals(8, host.sync().size(), "sync works through the noise");
            assertTrue(host.noise().contains("ets Jun  8 2016 00:22:57"), host.noise());
            assertTrue(host.noise().contains("waiting for download"));
        }
    }

    @Test
    void esp8266BootTextAt74880IsGarbledForAHostAt115200() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp8266()).bootNoise(true).build(); EspTestHost host = host(esp)) {
            assertEquals(8, host.sync().size(), "the ROM still auto-bauds to the host's rate");
            assertFalse(host.noise().contains("ets Jan"), "printed at 74880 baud, read at 115200");
        }
    }

    @Test
    void theAutoResetCircuitBootsTheLoaderOrTheApplication() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).runningApplication(true).build();
                EspTestHost host = host(esp)) {
            // esptool's classic reset: EN low, then IO0 low while EN rises (the RC delay hides the (1,1) step).
            host.transport().setControlLines(false, true);
            assertTrue(esp.heldInReset());
            host.transport().setDtr(true);
            host.transport().setRts(false);
            // Like esptool: SYNC attempts until the freshly booted ROM answers (each bounded).
            boolean synced = false;
            for (int attempt = 0; attempt < 10 && !synced; attempt++) {
                host.send(Opcode.SYNC, EspTestHost.SYNC_DATA);
                synced = host.response(Opcode.SYNC, Duration.ofMillis(300)) != null;
            }
            host.transport().setDtr(false);
            assertTrue(synced, "the ROM loader answers after the reset");
            assertEquals(EspMode.ROM_LOADER, esp.mode());
            assertTrue(host.noise().contains("waiting for download"), host.noise());

            // Hard reset: an RTS pulse with DTR released boots the application.
            host.transport().setControlLines(false, true);
            host.transport().setControlLines(false, false);
            assertTrue(host.readText(Duration.ofMillis(300)).contains("SPI_FAST_FLASH_BOOT"));
            assertEquals(EspMode.APPLICATION, esp.mode());
        }
    }

    @Test
    void lineRateMakesTransfersTakeTheirWireTimeInVirtualTime() throws Exception {
        ManualClock clock = new ManualClock();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).clock(clock).lineRate(true).build();
                EspTestHost host = host(esp)) {
            host.sync();
            host.uploadStub();
            byte[] block = new byte[0x4000];
            Arrays.fill(block, (byte) 0x11);
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x4000, 1, 0x4000, 0));
            long before = clock.nanoTime();
            host.dataBlock(Opcode.FLASH_DATA, block, 0);
            long wire = (0x4000 + 16 + 8 + 2) * 10L * 1_000_000_000L / 115200;
            long took = clock.nanoTime() - before;
            assertTrue(took >= wire, "a 16 KiB block needs at least " + wire + " ns at 115200, took " + took);
            assertTrue(took < wire * 11 / 10, "and not much more, took " + took);
        }
    }

    @Test
    void eraseLatencyIsSpentPerSector() throws Exception {
        ManualClock clock = new ManualClock();
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).clock(clock).eraseLatency(Duration.ofMillis(40)).build();
                EspTestHost host = host(esp)) {
            host.sync();
            host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0));
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x10000, 64, 0x400, 0));
            assertEquals(16 * Duration.ofMillis(40).toNanos(), clock.sleptNanos(), "16 sectors erased by the ROM");
        }
    }
}
