package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's bootloader commands against virtual ESPs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliVirtualEspTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chipInfoAsJson() throws Exception {
        CliRun run = CliRun.of("--port", "virtual:esp32s3", "--json", "chip-info");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode chip = JSON.readTree(run.stdout());
        assertEquals("ESP32-S3", chip.get("chip").asText());
        assertTrue(chip.get("mac").asText().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), run.stdout());
    }

    @Test
    void eraseSaysSo() {
        CliRun run = CliRun.of("--port", "virtual:esp32", "-q", "erase");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("flash erased on virtual:esp32"), run.stdout());
    }

    @Test
    void unknownSchemeIsExitCodeOneWithTheReason() {
        CliRun run = CliRun.of("--port", "bogus://x:1", "chip-info");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("no transport for 'bogus://x:1'"), run.stderr());
    }

    @Test
    void missingPortIsABadCommandLine() {
        CliRun run = CliRun.of("chip-info");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("--port"), run.stderr());
    }

    @Test
    void flashSeveralBoardsInParallelWithOneSummary(@TempDir Path dir) throws Exception {
        byte[] bogus = new byte[1000];
        new Random(1).nextBytes(bogus);
        Path file = dir.resolve("not-an-image.bin");
        Files.write(file, bogus);
        CliRun run = CliRun.of("--port", "virtual:esp32", "--port", "virtual:esp32", "--json", "flash", "--file", file.toString());
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        JsonNode rows = JSON.readTree(run.stdout());
        assertEquals(2, rows.size());
        for (JsonNode row : rows) {
            assertTrue(row.get("error").asText().length() > 10, row.toString());
        }
    }
}
