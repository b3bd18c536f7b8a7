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
    void chipInfoTwiceOverTcpBothSucceedAndTheChipStaysInItsLoader() {
        CliRun first = CliRun.of("-p", port, "chip-info");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stdout().contains("ESP32"), first.stdout());
        assertEquals(EspMode.ROM_LOADER, esp.mode(), "chip-info must not tell the chip to run its application");
        assertTrue(first.stderr().contains(port + ": no DTR/RTS lines; the chip stays in its download mode "
                + "(use --after run to start the application)"), first.stderr());

        CliRun second = CliRun.of("-p", port, "chip-info");
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
    void hardResetAskedForWithoutControlLinesStaysInTheLoaderAndSaysWhy() {
        CliRun run = CliRun.of("-p", port, "chip-info", "--after", "hard-reset");
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
