package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.esp.VirtualEsp;
import org.mpysdk.testkit.images.TestFirmware;

/**
 * {@code mpy flash --file}: any file name works, since the image header says which chip the image is
 * for and where it goes; an image for another chip is refused before anything is erased.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliFlashFileTest {
    @TempDir
    Path dir;

    private VirtualEsp esp;
    private String port;

    @BeforeEach
    void serve() throws Exception {
        esp = VirtualEsp.create("esp32");
        port = esp.serveTcp().uri();
    }

    @AfterEach
    void close() {
        esp.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fw.bin", "firmware.img", "ESP32_GENERIC-20251209-v1.27.0.bin"})
    void anEsp32ImageFlashesUnderAnyName(String name) throws Exception {
        byte[] image = TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0");
        Path file = Files.write(dir.resolve(name), image);
        CliRun run = CliRun.of("-p", port, "-q", "flash", "--file", file.toString());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(name), run.stdout());
        assertTrue(run.stdout().contains(", verified,"), run.stdout());
        assertArrayEquals(image, esp.flash().read(0x1000, image.length), "written at the ESP32's bootloader offset");
    }

    @Test
    void fwBinFlashesToVirtualEsp32ByPortName() throws Exception {
        Path file = Files.write(dir.resolve("fw.bin"), TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0"));
        CliRun run = CliRun.of("-p", "virtual:esp32", "-q", "flash", "--file", file.toString());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("fw.bin (ESP32 image, by its header)"), run.stdout());
    }

    @Test
    void aMergedImageForFlashZeroIsWrittenAtZero() throws Exception {
        byte[] app = TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0");
        byte[] merged = new byte[0x1000 + app.length];
        Arrays.fill(merged, 0, 0x1000, (byte) 0xFF);
        System.arraycopy(app, 0, merged, 0x1000, app.length);
        Path file = Files.write(dir.resolve("merged.bin"), merged);
        CliRun run = CliRun.of("-p", port, "-q", "flash", "--file", file.toString());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertArrayEquals(merged, esp.flash().read(0, merged.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fw.bin", "ESP32_GENERIC_S3-20251209-v1.27.0.bin"})
    void anImageForAnotherChipIsRefusedBeforeAnythingIsErased(String name) throws Exception {
        byte[] old = TestFirmware.filler(0x3000, 11);
        esp.flash().load(0, old);
        Path file = Files.write(dir.resolve(name), TestFirmware.esp32Bin(Chip.ESP32_S3, "v1.27.0"));
        CliRun run = CliRun.of("-p", port, "-q", "flash", "--erase", "--file", file.toString());
        assertEquals(Mpy.EXIT_FAILED, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(0, esp.flash().sectorsErased(), "--erase must wait for the chip check");
        assertArrayEquals(old, esp.flash().read(0, old.length));
        assertTrue(run.stderr().contains("the image is for ESP32-S3"), run.stderr());
        assertTrue(run.stderr().contains("but the board is ESP32; nothing was erased"), run.stderr());
        assertTrue(run.stderr().contains("pass --force to flash anyway"), run.stderr());
        assertFalse(run.stderr().contains("FlashOptions"), "CLI flags, not Java calls: " + run.stderr());
    }

    @Test
    void anEsp8266ImageUnderAnyNameIsRefusedOnAnEsp32() throws Exception {
        Path file = Files.write(dir.resolve("fw.bin"), TestFirmware.esp8266Bin("v1.27.0"));
        CliRun run = CliRun.of("-p", port, "-q", "flash", "--erase", "--file", file.toString());
        assertEquals(Mpy.EXIT_FAILED, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(0, esp.flash().sectorsErased());
        assertTrue(run.stderr().contains("the image is for ESP8266"), run.stderr());
    }
}
