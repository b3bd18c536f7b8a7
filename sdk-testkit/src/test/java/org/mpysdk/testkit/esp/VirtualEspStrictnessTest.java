package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.EspLink;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.testkit.Peers;

/**
 * VirtualEsp refuses what the real loaders refused in Espressif's QEMU (the ROM answers and status codes
 * seen there, recorded in docs/testing.md), and takes the SDK's sequence that the real loaders took
 * ({@link LoaderScenario}, whose real transcripts {@link TranscriptReplayTest} replays).
 */
@Timeout(120)
class VirtualEspStrictnessTest {
    static final byte[] BEGIN_16 = EspLink.words(0, 0, 0x400, 0);
    static final byte[] BEGIN_20 = EspLink.words(0, 0, 0x400, 0, 0);
    static final byte[] STUB_BEGIN_20 = EspLink.words(4096, 1, 0x4000, 0x10000, 0);
    /** The real stub's status bytes for a BEGIN of the wrong length: 01 00 (status 1, error 0; RealRomTest). */
    static final int STUB_BAD_BEGIN_LENGTH = 0x0100;

    @Test
    void esp32RomTakesSixteenByteBeginsOnly() throws Exception {
        try (VirtualEsp chip = VirtualEsp.create("esp32"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            assertEquals(0x0105, status(esp, Opcode.FLASH_BEGIN, BEGIN_20), "real ESP32 ROM: 01 05");
            assertEquals(0x0000, status(esp, Opcode.FLASH_BEGIN, BEGIN_16));
        }
    }

    @Test
    void esp32c3RomTakesTwentyByteBeginsOnly() throws Exception {
        try (VirtualEsp chip = VirtualEsp.create("esp32c3"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.romOnly(t)) {
            assertEquals(0x0105, status(esp, Opcode.FLASH_BEGIN, BEGIN_16), "real ESP32-C3 ROM: 01 05");
            assertEquals(0x0000, status(esp, Opcode.FLASH_BEGIN, BEGIN_20));
        }
    }

    @Tag(Peers.TAG)
    @Test
    void theStubTakesSixteenByteBeginsOnly() throws Exception {
        Path stubs = FlasherFixtures.requireStubs();
        try (VirtualEsp chip = VirtualEsp.create("esp32"); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.withStub(t, stubs, 0)) {
            assertEquals(STUB_BAD_BEGIN_LENGTH, status(esp, Opcode.FLASH_DEFL_BEGIN, STUB_BEGIN_20),
                    "esptool 4.8.1's ESP32 stub refused a 20-byte FLASH_DEFL_BEGIN (RealRomTest shows it)");
            assertEquals(0, status(esp, Opcode.FLASH_DEFL_BEGIN, EspLink.words(4096, 1, 0x4000, 0x10000)));
        }
    }

    /** The real stub has one spare receive buffer: a host blocks ahead of its answers gets an inflate error. */
    @Tag(Peers.TAG)
    @Test
    void theStubRefusesBlocksSentFarAheadOfItsAnswers() throws Exception {
        Path stubs = FlasherFixtures.requireStubs();
        byte[] data = FlasherFixtures.payload(200_000, 40);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        byte[] z = new byte[data.length];
        int zlen = deflater.deflate(z);
        int block = 0x4000;
        int blocks = (zlen + block - 1) / block;
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).lineRate(true)
                .writeLatency(java.time.Duration.ofMillis(100)).build(); var t = chip.openTransport();
                EspBootloader esp = FlasherFixtures.withStub(t, stubs, 921600)) {
            // At 921600 a block crosses the line in 0.18 s and takes about 1 s to write: a host that does not
            // wait for the answers is soon two blocks ahead, as it was when the real stub failed.
            EspLink link = esp.link();
            assertEquals(0, status(esp, Opcode.FLASH_DEFL_BEGIN, EspLink.words(data.length, blocks, block, 0x10000)));
            for (int seq = 0; seq < Math.min(blocks, 4); seq++) {
                int len = Math.min(block, zlen - seq * block);
                byte[] payload = new byte[16 + len];
                System.arraycopy(EspLink.words(len, seq, 0, 0), 0, payload, 0, 16);
                System.arraycopy(z, seq * block, payload, 16, len);
                link.send(Opcode.FLASH_DEFL_DATA, payload,
                        org.mpysdk.serial.esp.protocol.CommandPacket.checksumOf(payload, 16, len));
            }
            int worst = 0;
            for (int i = 0; i < Math.min(blocks, 4); i++) {
                EspLink.Reply r = link.await(Opcode.FLASH_DEFL_DATA, java.time.Duration.ofSeconds(10), "block " + i);
                worst = Math.max(worst, r.statusAt(0) << 8 | r.statusAt(1));
            }
            assertEquals(0xC700, worst, "blocks sent ahead of the answers end in an inflate error, as on the real stub");
        }
    }

    @Test
    void theScenarioTheRealRomsTookRunsOnVirtualEsp() throws Exception {
        for (String key : new String[] {"esp32", "esp32c3"}) {
            try (VirtualEsp chip = VirtualEsp.create(key); var t = chip.openTransport()) {
                LoaderScenario.rom(t, Chip.parse(key));
            }
        }
    }

    /** @return the reply's status and error byte as one number: 0x0105 for "failed, invalid message" */
    static int status(EspBootloader esp, Opcode op, byte[] payload) throws Exception {
        EspLink.Reply r = esp.link().command("probe", op, payload, 0, java.time.Duration.ofSeconds(3));
        return r.statusAt(0) << 8 | r.statusAt(1);
    }
}
