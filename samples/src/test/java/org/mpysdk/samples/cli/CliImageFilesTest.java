package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.images.TestFirmware;

/** {@code image-info} and {@code merge-bin}: esptool's commands on image files, no board needed. */
class CliImageFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void imageInfoShowsHeaderSegmentsAndAValidDigest() throws Exception {
        Path bin = Files.write(dir.resolve("fw.bin"), TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0"));
        CliRun run = CliRun.of("image-info", bin.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String out = run.stdout();
        for (String line : new String[] {"Detected image type: ESP32", "Flash mode: DIO", "Flash size: 4MB",
            "Flash freq: 40m", "Entry point: 0x40080000", "Segments: 2", "Checksum: ", "(valid)", "Chip ID: 0 (ESP32)"}) {
            assertTrue(out.contains(line), line + " in\n" + out);
        }
        assertTrue(out.matches("(?s).*Validation hash: [0-9a-f]{64} \\(valid\\).*"), out);
    }

    @Test
    void imageInfoShowsTheAppDescription() throws Exception {
        byte[] app = TestFirmware.espImage(0, true, TestFirmware.SIZE_CODE, new long[] {0x3F400020L, 0x400D0020L},
                new byte[][] {appDescriptor(), TestFirmware.filler(300, 4)});
        Path file = Files.write(dir.resolve("app.bin"), app);
        CliRun run = CliRun.of("--json", "image-info", file.toString());
        assertEquals(0, run.exitCode(), run.stdout());
        JsonNode info = JSON.readTree(run.stdout());
        assertEquals("ESP32", info.get("chip").asText());
        JsonNode d = info.get("app");
        assertEquals("micropython", d.get("projectName").asText());
        assertEquals("v1.27.0", d.get("version").asText());
        assertEquals("v5.5.1", d.get("idfVersion").asText());
        assertEquals("Dec  9 2025 12:00:00", d.get("compiled").asText());
        assertEquals("11".repeat(32), d.get("elfSha256").asText());
        assertEquals("64KB", d.get("mmuPageSize").asText());
        assertEquals("1.99", d.get("maxEfuseBlockRevision").asText());
    }

    @Test
    void imageInfoOnACorruptDigestSaysInvalidAndFails() throws Exception {
        byte[] app = TestFirmware.appBin(Chip.ESP32_S3, "v1.27.0");
        app[40] ^= 1; // inside a segment: checksum and digest both break
        Path file = Files.write(dir.resolve("bad.bin"), app);
        CliRun run = CliRun.of("image-info", file.toString());
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("Validation hash: ") && run.stdout().contains("(invalid)"), run.stdout());
        assertTrue(run.stdout().contains("Detected image type: ESP32-S3"), run.stdout());
        assertTrue(run.stderr().startsWith("error: " + file + ": its checksum does not match"), run.stderr());
        CliRun json = CliRun.of("--json", "image-info", file.toString());
        assertEquals(1, json.exitCode());
        assertTrue(JSON.readTree(json.stdout()).get("error").asText().contains("would refuse to boot it"), json.stdout());
    }

    @Test
    void imageInfoOnSomethingElseSaysSo() throws Exception {
        Path file = Files.write(dir.resolve("notes.txt"), "hello, not an image at all".getBytes(StandardCharsets.US_ASCII));
        CliRun run = CliRun.of("image-info", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().startsWith("error: " + file + " is not an ESP image"), run.stderr());
    }

    @Test
    void mergeBinPadsGapsWithFfAsEsptoolDoes() throws Exception {
        byte[] a = TestFirmware.filler(100, 1);
        byte[] b = TestFirmware.filler(50, 2);
        Path out = dir.resolve("merged.bin");
        CliRun run = CliRun.of("merge-bin", "-o", out.toString(), "0x8000", file("b.bin", b), "0x1000", file("a.bin", a));
        assertEquals(0, run.exitCode(), run.stderr());
        byte[] merged = Files.readAllBytes(out);
        assertEquals(0x8000 + 50, merged.length, "from flash 0x0 to the end of the last file");
        assertTrue(allFf(merged, 0, 0x1000));
        assertArrayEquals(a, Arrays.copyOfRange(merged, 0x1000, 0x1000 + 100));
        assertTrue(allFf(merged, 0x1000 + 100, 0x8000));
        assertArrayEquals(b, Arrays.copyOfRange(merged, 0x8000, merged.length));
        assertTrue(run.stdout().contains("ready to flash at 0x0"), run.stdout());
    }

    @Test
    void mergeBinTakesTargetOffsetAndPadToSize() throws Exception {
        byte[] a = TestFirmware.filler(100, 1);
        Path out = dir.resolve("merged.bin");
        CliRun run = CliRun.of("merge-bin", "-o", out.toString(), "--target-offset", "0x1000", "--pad-to-size", "64K",
                "0x1000", file("a.bin", a));
        assertEquals(0, run.exitCode(), run.stderr());
        byte[] merged = Files.readAllBytes(out);
        assertEquals(0x10000 - 0x1000, merged.length);
        assertArrayEquals(a, Arrays.copyOf(merged, 100));
        assertTrue(allFf(merged, 100, merged.length));
    }

    @Test
    void mergeBinRefusesOverlapsAndFilesBeforeTheTarget() throws Exception {
        String a = file("a.bin", new byte[0x1001]);
        String b = file("b.bin", new byte[4]);
        CliRun overlap = CliRun.of("merge-bin", "-o", dir.resolve("m.bin").toString(), "0x0", a, "0x1000", b);
        assertEquals(2, overlap.exitCode(), overlap.stderr());
        assertTrue(overlap.stderr().contains("overlaps"), overlap.stderr());
        CliRun before = CliRun.of("merge-bin", "-o", dir.resolve("m.bin").toString(), "-t", "0x2000", "0x1000", b);
        assertEquals(2, before.exitCode(), before.stderr());
        assertTrue(before.stderr().contains("before the target offset 0x2000"), before.stderr());
    }

    @Test
    void aMergedFileShowsItsBootloaderAfterThePadding() throws Exception {
        Path part = Files.write(dir.resolve("fw.bin"), TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0"));
        Path out = dir.resolve("merged.bin");
        assertEquals(0, CliRun.of("merge-bin", "-o", out.toString(), "0x1000", part.toString()).exitCode());
        CliRun run = CliRun.of("image-info", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Image at file offset 0x1000, after 0xFF padding"), run.stdout());
        assertTrue(run.stdout().contains("Detected image type: ESP32"), run.stdout());
    }

    private String file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content).toString();
    }

    private static boolean allFf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** An esp_app_desc_t as ESP-IDF lays it out, followed by some rodata. */
    private static byte[] appDescriptor() {
        ByteBuffer d = ByteBuffer.allocate(320).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, 0xABCD5432).putInt(4, 1);
        put(d, 16, "v1.27.0");
        put(d, 48, "micropython");
        put(d, 80, "12:00:00");
        put(d, 96, "Dec  9 2025");
        put(d, 112, "v5.5.1");
        for (int i = 0; i < 32; i++) {
            d.put(144 + i, (byte) 0x11);
        }
        d.putShort(176, (short) 0).putShort(178, (short) 199).put(180, (byte) 16);
        return d.array();
    }

    private static void put(ByteBuffer d, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            d.put(at + i, b[i]);
        }
    }
}
