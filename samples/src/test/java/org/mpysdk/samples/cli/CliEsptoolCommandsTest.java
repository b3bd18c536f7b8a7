package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.esp.VirtualEsp;
import org.mpysdk.testkit.images.TestFirmware;

/**
 * esptool's flash commands as {@code mpy} commands, against a VirtualEsp over TCP (no reset lines, so the
 * chip stays in its loader between commands and the test can look at its flash afterwards).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliEsptoolCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void writeFlashWritesSeveralFilesAtTheirAddressesAndVerifiesThem() throws Exception {
        byte[] bootloader = bootloader();
        byte[] table = TestFirmware.partitionTable(true);
        byte[] app = TestFirmware.appBin(Chip.ESP32, "v1.27.0");
        CliRun run = CliRun.of("-p", port, "write-flash", "0x1000", file("boot.bin", bootloader),
                "0x8000", file("parts.bin", table), "0x10000", file("app.bin", app));
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(", verified,"), run.stdout());
        assertTrue(run.stdout().contains("boot.bin@0x1000"), run.stdout());
        assertTrue(run.stdout().contains("wrote " + String.format("%,d", bootloader.length + table.length + app.length) + " bytes"),
                run.stdout());
        assertFalse(run.stdout().contains("FlashResult["), "words, not a record's toString: " + run.stdout());
        assertTrue(run.stderr().contains("flash"), "progress on stderr: " + run.stderr());
        assertArrayEquals(bootloader, esp.flash().read(0x1000, bootloader.length));
        assertArrayEquals(table, esp.flash().read(0x8000, table.length));
        assertArrayEquals(app, esp.flash().read(0x10000, app.length));
    }

    @Test
    void writeFlashRefusesFilesSharingASectorBeforeConnecting() throws Exception {
        String a = file("a.bin", new byte[0x1800]);
        String b = file("b.bin", new byte[16]);
        CliRun run = CliRun.of("-p", port, "write-flash", "0x9000", a, "0xA000", b);
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("overlaps"), run.stderr());
        assertEquals(0, esp.commandLog().size(), "nothing was sent to the chip");
    }

    @Test
    void writeFlashRefusesAnAddressInsideASector() throws Exception {
        CliRun run = CliRun.of("-p", port, "write-flash", "0x9100", file("a.bin", new byte[16]));
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("0x9100") && run.stderr().contains("sector"), run.stderr());
    }

    @Test
    void writeFlashNeedsPairs() throws Exception {
        CliRun run = CliRun.of("-p", port, "--json", "write-flash", "0x9000", file("a.bin", new byte[16]), "0xA000");
        assertEquals(2, run.exitCode(), run.stdout());
        assertTrue(JSON.readTree(run.stdout()).get("error").asText().contains("pairs"), run.stdout());
    }

    @Test
    void readFlashSavesTheBytes() throws Exception {
        byte[] content = TestFirmware.filler(0x2000, 7);
        esp.flash().load(0x9000, content);
        Path out = dir.resolve("dump.bin");
        CliRun run = CliRun.of("-p", port, "read-flash", "0x9000", "8K", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertArrayEquals(content, Files.readAllBytes(out));
        assertTrue(run.stdout().contains("read 8,192 bytes at 0x00009000"), run.stdout());
    }

    @Test
    void eraseRegionErasesOnlyThatRegion() throws Exception {
        esp.flash().load(0x9000, TestFirmware.filler(0x3000, 3));
        CliRun run = CliRun.of("-p", port, "erase-region", "0xA000", "0x1000");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(esp.flash().isErased(0xA000, 0x1000));
        assertFalse(esp.flash().isErased(0x9000, 0x1000));
        assertFalse(esp.flash().isErased(0xB000, 0x1000));
    }

    @Test
    void eraseRegionOffASectorIsABadCommandLine() {
        CliRun run = CliRun.of("-p", port, "erase-region", "0xA100", "0x1000");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("multiples of 0x1000"), run.stderr());
    }

    private String file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content).toString();
    }

    private static byte[] bootloader() {
        return TestFirmware.espImage(0, true, TestFirmware.SIZE_CODE, new long[] {0x3FFF0000L, 0x40078000L},
                new byte[][] {TestFirmware.filler(96, 1), TestFirmware.filler(160, 2)});
    }
}
