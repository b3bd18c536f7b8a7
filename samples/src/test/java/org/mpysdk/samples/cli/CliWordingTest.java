package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.ChipMismatchException;
import org.mpysdk.core.flash.FlashState;
import org.mpysdk.core.flash.FlashNotVerifiedException;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.RegionReport;

/** Library messages say API calls; the CLI prints the flags that do the same. */
class CliWordingTest {
    private static final FlashResult WRITTEN = new FlashResult(
            List.of(new RegionReport(0, 4096, 4096, Duration.ofMillis(5), false, false, 0)), Duration.ofMillis(9));

    @Test
    void chipMismatchNamesForce() {
        String m = CliWording.of(new ChipMismatchException(Chip.ESP32_S3, Chip.ESP32, "header at 0x1000"));
        assertTrue(m.endsWith("or pass --force to flash anyway"), m);
        assertFalse(m.contains("FlashOptions"), m);
    }

    @Test
    void libraryNotVerifiedMessageNamesNoVerifyOnce() {
        String m = CliWording.of(new FlashNotVerifiedException("ESP8266 ROM", WRITTEN));
        assertTrue(m.contains("(--no-verify)"), m);
        assertFalse(m.contains("FlashOptions"), m);
    }

    @Test
    void stubAdviceNamesNoStub() {
        String m = CliWording.of(new IOException("the stub did not start. Connect without the stub "
                + "(ConnectOptions.withStub(false)) or check the stub file"));
        assertEquals("the stub did not start. Connect without the stub (--no-stub) or check the stub file", m);
    }

    @Test
    void notVerifiedOnEsp8266RomOffersTheStubAndNoVerify() {
        ChipInfo rom = new ChipInfo(Chip.ESP8266, "ESP8266EX", null, null, 26, null, 4 << 20, false, false);
        String m = CliWording.notVerified(new FlashNotVerifiedException("ESP8266 ROM", WRITTEN), rom);
        assertTrue(m.startsWith("wrote 4,096 bytes in 1 region(s), but the ESP8266 ROM loader cannot compute MD5s"), m);
        assertTrue(m.contains("NOT verified"), m);
        assertTrue(m.contains("--no-stub") && m.contains("--stub-dir") && m.contains("--no-verify"), m);
    }

    @Test
    void notVerifiedInSecureDownloadModeOffersOnlyNoVerify() {
        ChipInfo sdm = new ChipInfo(Chip.ESP32_S3, null, null, null, 0, null, -1, true, false);
        String m = CliWording.notVerified(new FlashNotVerifiedException("ESP32-S3 ROM", WRITTEN), sdm);
        assertTrue(m.contains("ESP32-S3 ROM loader in Secure Download Mode"), m);
        assertTrue(m.contains("pass --no-verify"), m);
        assertFalse(m.contains("--stub-dir"), m);
    }

    @Test
    void anEarlierEraseNamesTheEraseFlag() {
        String m = CliWording.of(new ChipMismatchException(Chip.ESP32_S3, Chip.ESP32, "header at 0x1000", FlashState.ERASED_EARLIER));
        assertTrue(m.contains("flash with --erase to check the image before erasing"), m);
        assertFalse(m.contains("FlashOptions"), m);
    }

    @Test
    void aMissingWebReplPasswordNamesThePasswordFlag() {
        String m = CliWording.of(new IOException("ws://10.0.0.5:8266 needs the WebREPL password: "
                + "Board.open(\"ws://10.0.0.5:8266\", WebRepl.password(\"...\"))"));
        assertEquals("ws://10.0.0.5:8266 needs the WebREPL password: pass --password PASSWORD", m);
    }

    @Test
    void fileErrorsSayWhatIsWrongWithTheFile() {
        assertEquals("nope.py: no such file", CliWording.of(new NoSuchFileException("nope.py")));
        assertEquals("/root/x: permission denied", CliWording.of(new AccessDeniedException("/root/x")));
    }
}
