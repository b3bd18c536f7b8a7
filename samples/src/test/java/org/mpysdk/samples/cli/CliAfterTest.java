package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.testkit.esp.EspMode;
import org.mpysdk.testkit.esp.VirtualEsp;
import org.mpysdk.testkit.esp.VirtualEspServer;

/**
 * {@code --after}: how the bootloader commands leave the ROM loader, against a VirtualEsp over TCP
 * ({@code socket://}, a link without DTR/RTS, as ser2net or a Wi-Fi bridge gives).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliAfterTest {
    private VirtualEsp esp;
    private String port;

    @BeforeEach
    void serve() throws Exception {
        esp = VirtualEsp.create("esp32");
        VirtualEspServer server = esp.serveTcp();
        port = server.uri();
    }

    @AfterEach
    void close() {
        esp.close();
    }

    @Test
    void chipInfoOverTcpStartsTheApplicationAndSaysWhatTheUserMustDo() {
        CliRun run = CliRun.of("-p", port, "chip-info");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("ESP32"), run.stdout());
        assertEquals(EspMode.APPLICATION, esp.mode(), "a question must not leave the chip stuck in its ROM loader");
        assertTrue(run.stderr().contains(port + ": no DTR/RTS lines to reset with, so the loader's run command started "
                + "the application"), run.stderr());
        assertTrue(run.stderr().contains("hold BOOT, press EN/RESET") && run.stderr().contains("--after no-reset"), run.stderr());
    }

    @Test
    void chipInfoAsJsonSaysHowItLeftTheLoader() throws Exception {
        CliRun run = CliRun.of("-p", port, "--json", "chip-info");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("run", new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.stdout()).get("after").asText());
    }

    @Test
    void chipInfoTwiceWithNoResetBothSucceedAndTheChipStaysInItsLoader() {
        CliRun first = CliRun.of("-p", port, "chip-info", "--after", "no-reset");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(EspMode.ROM_LOADER, esp.mode());
        CliRun second = CliRun.of("-p", port, "chip-info", "--after", "no-reset");
        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(second.stdout().contains("ESP32"), second.stdout());
        assertEquals(EspMode.ROM_LOADER, esp.mode());
    }

    @Test
    void afterRunLeavesTheLoaderWhenAskedAndSaysNothingAboutStaying() {
        CliRun run = CliRun.of("-p", port, "chip-info", "--after", "run");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(EspMode.APPLICATION, esp.mode());
        assertFalse(run.stderr().contains("stays in its download mode"), run.stderr());
    }

    @Test
    void eraseWithHardResetAskedForWithoutControlLinesStaysInTheLoaderAndSaysWhy() {
        CliRun run = CliRun.of("-p", port, "-q", "erase", "--after", "hard-reset");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(EspMode.ROM_LOADER, esp.mode());
        assertTrue(run.stderr().contains("no DTR/RTS lines"), run.stderr());
        assertTrue(run.stderr().contains("--after run"), run.stderr());
    }

    @Test
    void noResetInEsptoolSpellingIsAccepted() {
        CliRun run = CliRun.of("-p", port, "--json", "chip-info", "--after", "no_reset");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(EspMode.ROM_LOADER, esp.mode());
        // Asked for explicitly: nothing to explain.
        assertFalse(run.stderr().contains("no DTR/RTS lines"), run.stderr());
    }

    @Test
    void eraseOverTcpStaysInTheLoaderSoTheNextCommandConnects() {
        CliRun erase = CliRun.of("-p", port, "-q", "erase");
        assertEquals(0, erase.exitCode(), erase.stderr());
        assertEquals(EspMode.ROM_LOADER, esp.mode());
        assertTrue(erase.stderr().contains(port + ": no DTR/RTS lines; the chip stays in its download mode "
                + "(use --after run to start the application)"), erase.stderr());
        CliRun info = CliRun.of("-p", port, "chip-info");
        assertEquals(0, info.exitCode(), info.stderr());
    }

    @Test
    void anUnknownAfterValueIsABadCommandLineListingTheValues() {
        CliRun run = CliRun.of("-p", port, "chip-info", "--after", "sideways");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("hard-reset, no-reset, run"), run.stderr());
    }
}
