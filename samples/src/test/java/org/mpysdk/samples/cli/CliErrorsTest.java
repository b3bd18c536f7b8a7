package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures: {@code error: ...} on stderr, or one JSON object on stdout with {@code --json}; never plain text there. */
class CliErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailureGoesToStderrAndNothingToStdout() {
        CliRun run = CliRun.of("--port", "bogus://x:1", "chip-info");
        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("error: "), run.stderr());
    }

    @Test
    void aFailureWithJsonIsAJsonObjectOnStdout() throws Exception {
        CliRun run = CliRun.of("--port", "bogus://x:1", "--json", "chip-info");
        assertEquals(1, run.exitCode());
        JsonNode error = JSON.readTree(run.stdout());
        assertTrue(error.get("error").asText().contains("no transport for 'bogus://x:1'"), run.stdout());
        assertFalse(error.get("type").asText().isEmpty(), run.stdout());
        assertEquals(1, error.get("exitCode").asInt());
        assertFalse(run.stderr().contains("error"), run.stderr());
    }

    @Test
    void runOfAMissingScriptSaysTheFileDoesNotExist(@TempDir Path dir) {
        String missing = dir.resolve("nope.py").toString();
        CliRun run = CliRun.of("-p", "virtual:esp32", "run", missing);
        assertEquals(1, run.exitCode());
        assertEquals("error: " + missing + ": no such file", run.stderr().strip());
    }

    @Test
    void aMissingPortWithJsonIsAUsageErrorObject() throws Exception {
        CliRun run = CliRun.of("--json", "exec", "print(1)");
        assertEquals(2, run.exitCode(), run.stderr());
        JsonNode error = JSON.readTree(run.stdout());
        assertEquals("usage", error.get("type").asText());
        assertTrue(error.get("error").asText().contains("--port"), run.stdout());
    }

    @Test
    void aMissingWebReplPasswordNamesTheFlagNotTheApi() {
        CliRun run = CliRun.of("-p", "ws://127.0.0.1:9", "exec", "print(1)");
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("pass --password PASSWORD"), run.stderr());
        assertFalse(run.stderr().contains("Board.open"), run.stderr());
    }

    @Test
    void aTimeoutScaleOfZeroIsRefusedBeforeTheBoardIsTouched() {
        CliRun run = CliRun.of("-p", "virtual:esp32", "chip-info", "--timeout-scale", "0");
        assertTrue(run.exitCode() != 0, run.stdout());
        assertTrue(run.stderr().contains("timeout scale must be above 0"), run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void aTimeoutScaleIsTakenByTheFlashCommands() {
        CliRun run = CliRun.of("-p", "virtual:esp32", "chip-info", "--timeout-scale", "2");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("ESP32"), run.stdout());
    }
}
