package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.ResponsePacket;
import org.mpysdk.testkit.images.TestFirmware;

/** The ROM loader of each chip, driven command by command from the host side. */
@Timeout(30)
class VirtualEspRomTest {

    static List<ChipProfile> chips() {
        return ChipProfile.all();
    }

    private static EspTestHost connect(VirtualEsp esp) {
        return new EspTestHost(esp.openTransport()).romStatusLength(esp.profile().romStatusLength());
    }

    @ParameterizedTest
    @MethodSource("chips")
    void syncIsAnsweredEightTimesWithTheRomValueAndStatusLength(ChipProfile chip) throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(chip).build(); EspTestHost host = connect(esp)) {
            List<ResponsePacket> answers = host.sync();
            assertEquals(8, answers.size());
            for (ResponsePacket r : answers) {
                assertEquals(LoaderEngine.ROM_SYNC_VALUE, r.value(), "the ROM's SYNC value is not 0 (0 means stub)");
                assertEquals(chip.romStatusLength(), r.data().length);
                assertEquals(0, r.status(chip.romStatusLength()));
            }
        }
    }

    @Test
    void commandsBeforeSyncAreIgnored() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.send(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG));
            assertNull(host.response(Opcode.READ_REG, Duration.ofMillis(300)), "the ROM has not auto-bauded yet");
            host.sync();
            assertEquals(0x00F01D83, host.command(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG)).value());
        }
    }

    @ParameterizedTest
    @MethodSource("chips")
    void readRegAnswersTheChipDetectMagic(ChipProfile chip) throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(chip).build(); EspTestHost host = connect(esp)) {
            host.sync();
            ResponsePacket r = host.command(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG));
            assertEquals(chip.magic(), r.value());
            assertEquals(0, r.status(chip.romStatusLength()));
        }
    }

    @Test
    void esp32EfusesDecodeToTheMacAndTheUartDividerToA40MhzCrystal() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).mac(new byte[] {0x24, 0x0A, (byte) 0xC4, 1, 2, 3}).build();
                EspTestHost host = connect(esp)) {
            host.sync();
            int mac0 = host.command(Opcode.READ_REG, EspTestHost.words(0x3FF5A004)).value();
            int mac1 = host.command(Opcode.READ_REG, EspTestHost.words(0x3FF5A008)).value();
            assertEquals(0xC4010203, mac0);
            assertEquals(0x240A, mac1 & 0xFFFF);
            int div = host.command(Opcode.READ_REG, EspTestHost.words(0x3FF40014)).value() & 0xFFFFF;
            assertEquals(40.0, 115200.0 * div / 1e6, 0.2, "esptool's crystal estimate: baud x divider");
        }
    }

    @Test
    void esp8266UartDividerGivesA26MhzCrystal() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp8266"); EspTestHost host = connect(esp)) {
            host.sync();
            int div = host.command(Opcode.READ_REG, EspTestHost.words(0x60000014)).value() & 0xFFFFF;
            assertEquals(26.0, 115200.0 * div / 1e6 / 2, 0.2);
        }
    }

    @ParameterizedTest
    @MethodSource("chips")
    void theFlashIdComesBackThroughTheSpiUserCommandRegisters(ChipProfile chip) throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(chip).flashSize(8 << 20).build(); EspTestHost host = connect(esp)) {
            host.sync();
            SpiRegisters spi = chip.spi();
            // What esptool does: command length 7 in USR2 with the command byte, start, poll, read W0.
            host.command(Opcode.WRITE_REG, EspTestHost.words(spi.usr2Address(), (7 << 28) | 0x9F, 0xFFFFFFFF, 0));
            host.command(Opcode.WRITE_REG, EspTestHost.words(spi.cmd(), SpiRegisters.CMD_USR, 0xFFFFFFFF, 0));
            assertEquals(0, host.command(Opcode.READ_REG, EspTestHost.words(spi.cmd())).value() & SpiRegisters.CMD_USR,
                    "the controller clears USR when done");
            int id = host.command(Opcode.READ_REG, EspTestHost.words(spi.w0Address())).value();
            assertEquals(0xEF, id & 0xFF, "manufacturer");
            assertEquals(0x17, (id >> 16) & 0xFF, "capacity byte for 8 MB");
        }
    }

    @ParameterizedTest
    @MethodSource("chips")
    void anUnknownCommandGetsTheInvalidMessageReplyUnderAnotherOpcode(ChipProfile chip) throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(chip).build(); EspTestHost host = connect(esp)) {
            host.sync();
            host.send(Opcode.ERASE_FLASH, new byte[0]); // stub-only: the ROM does not know it
            int replies = 0;
            byte[] f;
            while ((f = host.nextFrame(Duration.ofMillis(300))) != null) {
                assertEquals(0x01, f[0], "a response");
                assertEquals(LoaderEngine.UNSUPPORTED_REPLY_OPCODE, f[1] & 0xFF, "not an echo of 0xD0");
                assertEquals(8 + chip.romStatusLength(), f.length);
                assertEquals(1, f[8], "status: failed");
                assertEquals(Refusal.ROM_INVALID_MESSAGE, f[9], "error: invalid message");
                replies++;
            }
            assertEquals(8, replies, "the ROM repeats it; hosts must drain the rest");
            assertTrue(esp.flash().isErased(0, esp.flash().size()));
        }
    }

    @Test
    void securityInfoCarriesTheChipIdOnS3AndIsUnknownToTheEsp32Rom() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32s3"); EspTestHost host = connect(esp)) {
            host.sync();
            ResponsePacket r = host.command(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertEquals(20 + 4, r.data().length);
            assertEquals(0, r.data()[20], "status after the 20-byte payload");
            assertEquals(9, EspTestHost.u32(r.data(), 12), "chip id of the ESP32-S3");
            assertEquals(0, EspTestHost.u32(r.data(), 0) & 4, "not in secure download mode");
        }
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            host.send(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertNull(host.response(Opcode.GET_SECURITY_INFO, Duration.ofMillis(300)), "no answer under its own opcode");
        }
    }

    @Test
    void esp32RomRefusesFlashCommandsUntilSpiAttach() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            ResponsePacket refused = host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x1000, 1, 0x400, 0x1000));
            assertEquals(1, refused.status(4));
            assertEquals(Refusal.ROM_FAILED_TO_ACT, refused.error(4));
            assertEquals(0, host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0)).status(4));
            assertEquals(0, host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x1000, 1, 0x400, 0x1000)).status(4));
        }
    }

    @Test
    void romFlashBeginErasesTheRegionAndDataBlocksAreCheckedAndWritten() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            esp.flash().load(0x10000, filled(0x3000, (byte) 0x00));
            host.sync();
            host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0));
            assertEquals(0, host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x2000, 2, 0x400, 0x10000)).status(4));
            assertTrue(esp.flash().isErased(0x10000, 0x2000), "erased in BEGIN, before any data");
            assertFalse(esp.flash().isErased(0x12000, 1), "and not beyond the region");

            byte[] block = filled(0x400, (byte) 0x42);
            ResponsePacket bad = host.command(Opcode.FLASH_DATA, EspTestHost.dataPayload(block, 0), 0x00);
            assertEquals(Refusal.ROM_BAD_CHECKSUM, bad.error(4));
            ResponsePacket outOfOrder = host.dataBlock(Opcode.FLASH_DATA, block, 1);
            assertEquals(Refusal.ROM_INVALID_MESSAGE, outOfOrder.error(4));
            assertEquals(0, host.dataBlock(Opcode.FLASH_DATA, block, 0).status(4));
            assertArrayEquals(block, esp.flash().read(0x10000, 0x400));
            assertTrue(esp.flash().isErased(0x10400, 0x400), "bad blocks were not written");
        }
    }

    @Test
    void romCompressedWriteInflatesAcrossBlocksAndMd5IsHexText() throws Exception {
        byte[] image = TestFirmware.codeLike(50_000, 7);
        byte[] compressed = deflate(image);
        try (VirtualEsp esp = VirtualEsp.create("esp32c3"); EspTestHost host = connect(esp)) {
            host.sync();
            host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0));
            int block = 0x400;
            int blocks = (compressed.length + block - 1) / block;
            int eraseSize = (image.length + block - 1) / block * block;
            assertEquals(0, host.command(Opcode.FLASH_DEFL_BEGIN, EspTestHost.words(eraseSize, blocks, block, 0x8000, 0)).status(4));
            for (int seq = 0; seq < blocks; seq++) {
                byte[] chunk = Arrays.copyOfRange(compressed, seq * block, Math.min(compressed.length, (seq + 1) * block));
                assertEquals(0, host.dataBlock(Opcode.FLASH_DEFL_DATA, chunk, seq).status(4), "block " + seq);
            }
            assertArrayEquals(image, esp.flash().read(0x8000, image.length));
            ResponsePacket md5 = host.command(Opcode.SPI_FLASH_MD5, EspTestHost.words(0x8000, image.length, 0, 0));
            assertEquals(32 + 4, md5.data().length);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image)),
                    new String(md5.payload(4), StandardCharsets.US_ASCII));
            assertEquals(EspMode.ROM_LOADER, esp.mode(), "no END sent: still in the loader");
        }
    }

    @Test
    void aCorruptDeflateStreamIsReportedByTheRom() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0));
            host.command(Opcode.FLASH_DEFL_BEGIN, EspTestHost.words(0x1000, 1, 0x400, 0));
            ResponsePacket r = host.dataBlock(Opcode.FLASH_DEFL_DATA, filled(100, (byte) 0x13), 0);
            assertEquals(1, r.status(4));
            assertEquals(Refusal.ROM_DEFLATE, r.error(4));
        }
    }

    @Test
    void readFlashSlowAlwaysReturns64Bytes() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            esp.flash().load(0x100, "abc".getBytes(StandardCharsets.US_ASCII));
            host.sync();
            ResponsePacket r = host.command(Opcode.READ_FLASH_SLOW, EspTestHost.words(0x100, 3));
            assertEquals(64 + 4, r.data().length);
            assertEquals("abc", new String(r.data(), 0, 3, StandardCharsets.US_ASCII));
            assertEquals(Refusal.ROM_READ_LENGTH, host.command(Opcode.READ_FLASH_SLOW, EspTestHost.words(0, 65)).error(4));
        }
    }

    @Test
    void esp8266RomEraseBugErasesMoreThanAskedUnlessTheHostCompensates() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp8266"); EspTestHost host = connect(esp)) {
            esp.flash().load(0, filled(0x40000, (byte) 0x00));
            host.sync();
            // Asking for 4 sectors at 0: the ROM erases 16 - 0 = min(16, 4) head + 4 = 8 sectors.
            assertEquals(0, host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x4000, 4, 0x1000, 0)).status(2));
            assertTrue(esp.flash().isErased(0, 0x8000));
            assertFalse(esp.flash().isErased(0x8000, 1));
            // esptool's workaround for 4 sectors at 0x20000 asks for 2 and gets exactly 4.
            assertEquals(0, host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x2000, 4, 0x1000, 0x20000)).status(2));
            assertTrue(esp.flash().isErased(0x20000, 0x4000));
            assertFalse(esp.flash().isErased(0x24000, 1));
        }
    }

    @Test
    void esp8266RomHasNoCompressionOrMd5() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp8266"); EspTestHost host = connect(esp)) {
            host.sync();
            host.send(Opcode.FLASH_DEFL_BEGIN, EspTestHost.words(0x1000, 1, 0x400, 0));
            assertNull(host.response(Opcode.FLASH_DEFL_BEGIN, Duration.ofMillis(300)));
            host.send(Opcode.SPI_FLASH_MD5, EspTestHost.words(0, 16, 0, 0));
            assertNull(host.response(Opcode.SPI_FLASH_MD5, Duration.ofMillis(300)));
        }
    }

    @Test
    void flashEndLeavesTheLoaderForTheApplication() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            host.command(Opcode.SPI_ATTACH, EspTestHost.words(0, 0));
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0, 0, 0x400, 0));
            assertEquals(0, host.command(Opcode.FLASH_END, EspTestHost.words(1)).status(4));
            assertEquals(EspMode.APPLICATION, esp.mode());
            host.send(Opcode.SYNC, EspTestHost.SYNC_DATA);
            assertNull(host.response(Opcode.SYNC, Duration.ofMillis(300)), "the application does not speak SLIP");
            assertTrue(host.noise().contains(">>> "), "it prints instead: " + host.noise());
        }
    }

    @Test
    void changeBaudrateSwitchesTheChipAndAHostThatDoesNotFollowSeesGarbage() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            assertEquals(0, host.command(Opcode.CHANGE_BAUDRATE, EspTestHost.words(921600, 0)).status(4),
                    "the answer still comes at the old rate");
            assertEquals(921600, esp.baudRate());
            host.send(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG));
            assertNull(host.response(Opcode.READ_REG, Duration.ofMillis(300)), "host still at 115200");
            host.transport().setBaudRate(921600);
            assertEquals(0x00F01D83, host.command(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG)).value());
            assertEquals(List.of(921600), esp.baudChanges());
        }
    }

    @Test
    void theRomRecognisesAStubUploadAndSwitchesToStubBehaviour() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            host.uploadStub();
            assertEquals(EspMode.STUB, esp.mode());
            assertEquals(1, esp.stubUploads());
            ResponsePacket r = host.command(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG));
            assertEquals(2, r.data().length, "stub status is 2 bytes");
            for (ResponsePacket s : host.sync()) {
                assertEquals(0, s.value(), "a running stub answers SYNC with 0");
            }
        }
    }

    @Test
    void jumpingOutsideTheUploadedCodeHaltsTheChip() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = connect(esp)) {
            host.sync();
            host.command(Opcode.MEM_BEGIN, EspTestHost.words(16, 1, 0x1800, 0x40090000));
            host.dataBlock(Opcode.MEM_DATA, new byte[16], 0);
            host.command(Opcode.MEM_END, EspTestHost.words(0, 0x400D0000));
            assertEquals(EspMode.HALTED, esp.mode());
            assertNull(host.nextFrame(Duration.ofMillis(300)), "no OHAI");
        }
    }

    static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }
}
