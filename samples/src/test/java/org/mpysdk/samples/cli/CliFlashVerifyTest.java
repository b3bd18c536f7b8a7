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
import org.mpysdk.testkit.esp.EspMode;
import org.mpysdk.testkit.esp.VirtualEsp;
import org.mpysdk.testkit.images.TestFirmware;

/**
 * {@code mpy flash} on an ESP8266 whose ROM loader cannot compute MD5s and no stub flasher is available
 * ({@code --stub-dir} names an empty folder): the write cannot be verified, so it is no success.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliFlashVerifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private VirtualEsp esp;
    private String port;
    private byte[] image;
    private Path file;
    private Path noStubs;

    @BeforeEach
    void setUp() throws Exception {
        esp = VirtualEsp.create("esp8266");
        port = esp.serveTcp().uri();
        image = TestFirmware.esp8266Bin("v1.27.0");
        // A micropython.org name, so that these tests do not depend on how other names are handled.
        file = Files.write(dir.resolve("ESP8266_GENERIC-20251209-v1.27.0.bin"), image);
        noStubs = Files.createDirectory(dir.resolve("no-stubs"));
    }

    @AfterEach
    void close() {
        esp.close();
    }

    @Test
    void unverifiableWriteExitsWithItsOwnCodeAndNamesTheFlags() {
        CliRun run = CliRun.of("-p", port, "-q", "flash", "--file", file.toString(), "--stub-dir", noStubs.toString());
        assertEquals(Mpy.EXIT_NOT_VERIFIED, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(4, Mpy.EXIT_NOT_VERIFIED, "documented in mpy --help and docs/cli.md");
        assertTrue(run.stderr().contains("NOT verified"), run.stderr());
        assertTrue(run.stderr().contains("ESP8266 ROM loader cannot compute MD5s"), run.stderr());
        assertTrue(run.stderr().contains("pass --no-verify"), run.stderr());
        assertTrue(run.stderr().contains("stub flasher"), run.stderr());
        assertFalse(run.stderr().contains("FlashOptions"), "CLI flags, not Java calls: " + run.stderr());
        // Written all the same, and left in the loader so that the retry connects at once.
        assertArrayEquals(image, esp.flash().read(0, image.length));
        assertEquals(EspMode.ROM_LOADER, esp.mode());
    }

    @Test
    void unverifiableWriteAsJsonSaysSoInItsRow() throws Exception {
        CliRun run = CliRun.of("-p", port, "--json", "flash", "--file", file.toString(), "--stub-dir", noStubs.toString());
        assertEquals(Mpy.EXIT_NOT_VERIFIED, run.exitCode(), run.stdout() + run.stderr());
        JsonNode row = JSON.readTree(run.stdout()).get(0);
        assertFalse(row.get("verified").asBoolean(), row.toString());
        assertEquals(image.length, row.get("bytes").asLong(), row.toString());
        assertEquals(Mpy.EXIT_NOT_VERIFIED, row.get("exitCode").asInt(), row.toString());
        assertTrue(row.get("error").asText().contains("--no-verify"), row.toString());
    }

    @Test
    void noVerifyAcceptsTheWriteAndSaysPlainlyItIsNotVerified() {
        CliRun run = CliRun.of("-p", port, "-q", "flash", "--file", file.toString(), "--stub-dir", noStubs.toString(),
                "--no-verify");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        // On a line of its own, not only inside the result's summary.
        assertTrue(run.stdout().lines().anyMatch(l -> l.strip().startsWith("NOT verified")), run.stdout());
        assertArrayEquals(image, esp.flash().read(0, image.length));
    }
}
