package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.ResponsePacket;
import org.mpysdk.testkit.images.TestFirmware;

/** The flasher stub's behaviour after an upload: 16 KiB blocks, erase as you go, stub-only commands. */
@Timeout(30)
class VirtualEspStubTest {
    private static final int BLOCK = 0x4000;

    private static EspTestHost stubHost(VirtualEsp esp) throws Exception {
        EspTestHost host = new EspTestHost(esp.openTransport()).romStatusLength(esp.profile().romStatusLength());
        host.sync();
        host.uploadStub();
        return host;
    }

    @Test
    void compressedWriteOverOldDataLeavesExactlyTheImage() throws Exception {
        byte[] image = TestFirmware.codeLike(100_000, 3);
        byte[] compressed = VirtualEspRomTest.deflate(image);
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = stubHost(esp)) {
            esp.flash().load(0x1000, VirtualEspRomTest.filled(0x30000, (byte) 0x00)); // an old firmware, all zero bits
            int blocks = (compressed.length + BLOCK - 1) / BLOCK;
            assertEquals(0, host.command(Opcode.FLASH_DEFL_BEGIN, EspTestHost.words(image.length, blocks, BLOCK, 0x1000)).status(2));
            for (int seq = 0; seq < blocks; seq++) {
                byte[] chunk = Arrays.copyOfRange(compressed, seq * BLOCK, Math.min(compressed.length, (seq + 1) * BLOCK));
                assertEquals(0, host.dataBlock(Opcode.FLASH_DEFL_DATA, chunk, seq).status(2));
            }
            assertEquals(0, host.command(Opcode.FLASH_DEFL_END, EspTestHost.words(1)).status(2));
            assertArrayEquals(image, esp.flash().read(0x1000, image.length), "old bits did not survive");
            int end = 0x1000 + image.length;
            int sectorEnd = (end + 0xFFF) / 0x1000 * 0x1000;
            assertTrue(esp.flash().isErased(end, sectorEnd - end), "the rest of the last sector is erased");
            assertFalse(esp.flash().isErased(sectorEnd, 1), "the stub erases only what it writes");

            ResponsePacket md5 = host.command(Opcode.SPI_FLASH_MD5, EspTestHost.words(0x1000, image.length, 0, 0));
            assertEquals(16 + 2, md5.data().length, "the stub answers 16 raw bytes");
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(image), md5.payload(2));
        }
    }

    @Test
    void badChecksumIsReportedWithTheStubCodeInTheStatusByte() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32s3"); EspTestHost host = stubHost(esp)) {
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(16, 1, BLOCK, 0));
            ResponsePacket r = host.command(Opcode.FLASH_DATA, EspTestHost.dataPayload(new byte[16], 0), 0x12);
            assertEquals(2, r.data().length);
            assertEquals(0xC1, r.data()[0] & 0xFF, "esp-flasher-stub sends 0xC100 big-endian");
            assertEquals(0x00, r.data()[1]);
        }
    }

    @Test
    void aCorruptStreamIsAcknowledgedThenReportedInTheNextAnswer() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = stubHost(esp)) {
            host.command(Opcode.FLASH_DEFL_BEGIN, EspTestHost.words(0x1000, 1, BLOCK, 0));
            ResponsePacket ack = host.dataBlock(Opcode.FLASH_DEFL_DATA, VirtualEspRomTest.filled(64, (byte) 0x13), 0);
            assertEquals(0, ack.status(2), "the stub acknowledges before it inflates");
            ResponsePacket next = host.command(Opcode.FLASH_DEFL_END, EspTestHost.words(1));
            assertEquals(0xC7, next.data()[0] & 0xFF, "inflate error carried to the next command");
        }
    }

    @Test
    void endBeforeAllDataIsRefused() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = stubHost(esp)) {
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0x800, 1, BLOCK, 0));
            ResponsePacket r = host.command(Opcode.FLASH_END, EspTestHost.words(1));
            assertEquals(0xC0, r.data()[0] & 0xFF, "bad data length: promised bytes missing");
            ResponsePacket noSession = host.command(Opcode.FLASH_DATA, EspTestHost.dataPayload(new byte[4], 0), 0xEF);
            assertEquals(0, noSession.status(2), "the session is still open");
        }
    }

    @Test
    void eraseRegionNeedsSectorAlignmentAndEraseFlashClearsAll() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp8266"); EspTestHost host = stubHost(esp)) {
            esp.flash().load(0, VirtualEspRomTest.filled(0x10000, (byte) 0));
            assertEquals(0xC0, host.command(Opcode.ERASE_REGION, EspTestHost.words(0x100, 0x1000)).data()[0] & 0xFF);
            assertEquals(0, host.command(Opcode.ERASE_REGION, EspTestHost.words(0x2000, 0x2000)).status(2));
            assertTrue(esp.flash().isErased(0x2000, 0x2000));
            assertFalse(esp.flash().isErased(0x4000, 1));
            assertEquals(0, host.command(Opcode.ERASE_FLASH, new byte[0]).status(2));
            assertTrue(esp.flash().isErased(0, esp.flash().size()));
        }
    }

    @Test
    void readFlashStreamsPacketsAgainstAcknowledgementsAndEndsWithTheMd5() throws Exception {
        byte[] data = TestFirmware.codeLike(10_000, 9);
        try (VirtualEsp esp = VirtualEsp.create("esp32c3"); EspTestHost host = stubHost(esp)) {
            esp.flash().load(0x3000, data);
            assertEquals(0, host.command(Opcode.READ_FLASH, EspTestHost.words(0x3000, data.length, 0x1000, 1)).status(2));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (got.size() < data.length) {
                byte[] packet = host.nextFrame(EspTestHost.WAIT);
                assertNotNull(packet, "data packet after " + got.size() + " bytes");
                got.writeBytes(packet);
                host.sendPacket(EspTestHost.words(got.size()));
            }
            assertArrayEquals(data, got.toByteArray());
            byte[] md5 = host.nextFrame(EspTestHost.WAIT);
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), md5);
        }
    }

    @Test
    void unknownCommandsAndMissingSecurityInfoGetStubCodes() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); EspTestHost host = stubHost(esp)) {
            ResponsePacket slow = host.command(Opcode.READ_FLASH_SLOW, EspTestHost.words(0, 16));
            assertEquals(0xC3, slow.data()[0] & 0xFF, "READ_FLASH_SLOW is ROM-only: invalid command");
            ResponsePacket info = host.command(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertEquals(0xFF, info.data()[0] & 0xFF, "ESP32 stub: not implemented");
        }
    }

    @Test
    void flashEndWithRebootLeavesTheStubForTheRom() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp8266"); EspTestHost host = stubHost(esp)) {
            host.command(Opcode.FLASH_BEGIN, EspTestHost.words(0, 0, BLOCK, 0));
            assertEquals(0, host.command(Opcode.FLASH_END, EspTestHost.words(0)).status(2));
            ResponsePacket r = host.command(Opcode.READ_REG, EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG));
            assertEquals(EspMode.ROM_LOADER, esp.mode());
            assertEquals(2, r.data().length, "the ESP8266 ROM's status is 2 bytes too");
        }
    }
}
