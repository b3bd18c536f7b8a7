package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.images.TestFirmware;
import org.mpysdk.testkit.internal.esp.EsptoolJsPackage;

/**
 * Proof against a real peer: Espressif's esptool-js, under node, detects each virtual chip, uploads its
 * stub, writes a compressed image and verifies it by MD5; the virtual flash then holds exactly the image.
 */
@Tag(Peers.TAG)
class EsptoolJsPeerTest {
    private static final byte[] IMAGE = TestFirmware.codeLike(200 * 1024, 42);

    @BeforeEach
    void needEsptoolJs() {
        Peers.require(EsptoolJsPackage.available(), EsptoolJsPackage.INSTALL_HINT);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void esp32WithBootNoiseAndBaudChange() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32()).bootNoise(true).build()) {
            EsptoolJs.Result r = EsptoolJs.flash(esp, IMAGE, 0x1000, 460800, Duration.ofSeconds(150));
            assertEquals("ESP32", r.chip(), r.output());
            assertEquals("ESP32-D0WD-V3 (revision 3)", r.description(), r.output());
            assertEquals("24:0a:c4:12:34:56", r.mac());
            assertEquals(0x1640EF, r.flashId());
            assertTrue(r.stub(), "esptool-js should run the stub");
            assertEquals(460800, esp.baudRate(), "the chip follows CHANGE_BAUDRATE");
            assertFlashed(esp, r, 0x1000);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void esp32s3() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32s3()).build()) {
            EsptoolJs.Result r = EsptoolJs.flash(esp, IMAGE, 0x0);
            assertEquals("ESP32-S3", r.chip(), r.output());
            assertEquals("ESP32-S3 (QFN56) (revision v0.2)", r.description());
            assertEquals("34:85:18:12:34:56", r.mac());
            assertEquals(1, esp.commandCount(Opcode.GET_SECURITY_INFO), "S3 is detected by its chip id");
            assertFlashed(esp, r, 0x0);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void esp32c3AtLineRateWithFlashLatency() throws Exception {
        // Real timing: 115200 baud on the wire, 30 ms per sector erase, 2 ms per 4 KiB written.
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp32c3()).lineRate(true)
                .eraseLatency(Duration.ofMillis(30)).writeLatency(Duration.ofMillis(2)).build()) {
            EsptoolJs.Result r = EsptoolJs.flash(esp, IMAGE, 0x0);
            assertEquals("ESP32-C3", r.chip(), r.output());
            assertEquals("ESP32-C3 (QFN32) (revision v0.4)", r.description());
            assertFlashed(esp, r, 0x0);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void esp8266() throws Exception {
        try (VirtualEsp esp = VirtualEsp.builder(ChipProfile.esp8266()).build()) {
            EsptoolJs.Result r = EsptoolJs.flash(esp, IMAGE, 0x0);
            assertEquals("ESP8266", r.chip(), r.output());
            assertEquals("ESP8266EX", r.description());
            assertEquals("5c:cf:7f:12:34:56", r.mac());
            assertFlashed(esp, r, 0x0);
        }
    }

    private static void assertFlashed(VirtualEsp esp, EsptoolJs.Result r, int offset) {
        assertEquals(r.imageMd5(), r.flashMd5(), "the chip's MD5 of the region equals the image's");
        assertTrue(r.readBackMatches(), "READ_FLASH returned the image");
        assertEquals(1, esp.stubUploads());
        assertEquals(EspMode.STUB, esp.mode());
        assertArrayEquals(IMAGE, esp.flash().read(offset, IMAGE.length), "virtual flash holds the image");
        if (offset > 0) {
            assertTrue(esp.flash().isErased(0, offset), "nothing written below the offset");
        }
    }
}
