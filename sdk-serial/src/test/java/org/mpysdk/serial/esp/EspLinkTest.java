package org.mpysdk.serial.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.flash.BootloaderNotRespondingException.Reason;
import org.mpysdk.core.flash.BootloaderNotRespondingException;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.serial.esp.protocol.Opcode;

/** The command layer against scripted answers: matching, status bytes, unsupported commands, timeouts, sync failures. */
@Timeout(20)
class EspLinkTest {

    @Test
    void skipsStraySyncRepliesAndReturnsTheRegisterValue() throws Exception {
        ScriptedTransport t = new ScriptedTransport(cmd -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(ScriptedTransport.response(0x08, 0x20120707, (byte) 0, (byte) 0));
            out.writeBytes(ScriptedTransport.response(cmd[1], 0x00F01D83, (byte) 0, (byte) 0, (byte) 0, (byte) 0));
            return out.toByteArray();
        });
        EspLink link = new EspLink(t, OperationScope.none());
        assertEquals(0x00F01D83, link.readReg(0x40001000L));
        byte[] sent = t.commands().get(0);
        assertEquals(0x0A, sent[1]);
        assertArrayEquals(EspLink.words(0x40001000L), java.util.Arrays.copyOfRange(sent, 8, 12));
    }

    @Test
    void failureStatusBecomesATypedExceptionWithTheMeaning() {
        ScriptedTransport t = new ScriptedTransport(cmd -> ScriptedTransport.response(cmd[1], 0, (byte) 1, (byte) 0x07,
                (byte) 0, (byte) 0));
        EspLink link = new EspLink(t, OperationScope.none());
        EspCommandException e = assertThrows(EspCommandException.class, () -> link.writeReg(0x60000000L, 1));
        assertEquals(0x07, e.error());
        assertTrue(e.getMessage().contains("invalid CRC"), e.getMessage());
    }

    @Test
    void statusIsReadRightAfterTheExpectedPayload() throws Exception {
        // 16 bytes of MD5, then a 2-byte stub status; and a 4-byte ROM status after 32 hex digits.
        byte[] stubAnswer = new byte[18];
        stubAnswer[0] = (byte) 0xAB;
        ScriptedTransport t = new ScriptedTransport(cmd -> ScriptedTransport.response(cmd[1], 0, stubAnswer));
        EspLink link = new EspLink(t, OperationScope.none());
        byte[] md5 = link.check("md5", Opcode.SPI_FLASH_MD5, EspLink.words(0, 16, 0, 0), 0, 16, Timeouts.DEFAULT);
        assertEquals(16, md5.length);
        assertEquals((byte) 0xAB, md5[0]);
    }

    @Test
    void anInvalidMessageReplyUnderAnotherOpcodeMeansUnsupported() {
        ScriptedTransport t = new ScriptedTransport(cmd -> ScriptedTransport.response(0x01, 0, (byte) 1, (byte) 0x05));
        EspLink link = new EspLink(t, OperationScope.none());
        assertThrows(UnsupportedCommandException.class, () -> link.check("get security info",
                Opcode.GET_SECURITY_INFO, new byte[0], 0, 20, Timeouts.DEFAULT));
    }

    @Test
    void silenceIsATimeoutNamingTheCommand() {
        EspLink link = new EspLink(new ScriptedTransport(cmd -> null), OperationScope.none());
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> link.command("probe", Opcode.READ_REG, EspLink.words(0), 0, Duration.ofMillis(150)));
        assertTrue(e.getMessage().contains("READ_REG"), e.getMessage());
    }

    @Test
    void aChipThatResetsInsteadOfAnsweringIsReportedAsReset() {
        // What the ESP32-C3's ROM prints after its RTC watchdog fired, then silence in download mode.
        byte[] boot = ("ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x10 (RTCWDT_RTC_RESET),boot:0x7 "
                + "(DOWNLOAD(USB/UART0/1))\r\nwaiting for download\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EspLink link = new EspLink(new ScriptedTransport(cmd -> boot), OperationScope.none());
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> link.command("start a write", Opcode.FLASH_BEGIN, EspLink.words(0, 0, 0, 0), 0, Duration.ofMillis(150)));
        assertTrue(e.getMessage().contains("the chip reset"), e.getMessage());
        assertTrue(e.getMessage().contains("rst:0x10 (RTCWDT_RTC_RESET)"), e.getMessage());

        EspLink noisy = new EspLink(new ScriptedTransport(cmd -> new byte[] {0x13, 0x37, 0x42}), OperationScope.none());
        OperationTimeoutException lossy = assertThrows(OperationTimeoutException.class,
                () -> noisy.command("probe", Opcode.READ_REG, EspLink.words(0), 0, Duration.ofMillis(150)));
        assertTrue(lossy.getMessage().contains("3 bytes arrived that were no answer"), lossy.getMessage());
    }

    @Test
    void theTimeoutScaleLengthensEveryWaitAndTheMessageSaysByHowMuch() {
        EspLink link = new EspLink(new ScriptedTransport(cmd -> null), OperationScope.none(), 3);
        assertEquals(Duration.ofMillis(600), link.scaled(Duration.ofMillis(200)));
        assertEquals(Timeouts.MAX.multipliedBy(3), link.scaled(Duration.ofHours(1)), "capped before it is scaled");
        long start = System.nanoTime();
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> link.command("probe", Opcode.READ_REG, EspLink.words(0), 0, Duration.ofMillis(200)));
        long waited = (System.nanoTime() - start) / 1_000_000;
        // A lower bound only, which load cannot break: the wait is the scaled one, not the 200 ms asked for.
        assertTrue(waited >= 600, "waited " + waited + " ms");
        assertEquals(Duration.ofMillis(600), e.timeout());
        assertTrue(e.getMessage().contains("within 600 ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EspLink(new ScriptedTransport(cmd -> null), OperationScope.none(), 0));
    }

    @Test
    void connectOptionsCarryTheScaleToEverySyncOfTheConnect() {
        ConnectOptions slow = ConnectOptions.defaults().withAttempts(1).withReset(ResetMode.NO_RESET).withTimeoutScale(4);
        long start = System.nanoTime();
        assertThrows(BootloaderNotRespondingException.class,
                () -> EspConnector.connect(new ScriptedTransport(cmd -> null), slow, OperationScope.none()));
        long waited = (System.nanoTime() - start) / 1_000_000;
        // One attempt is 5 SYNCs of 100 ms; scaled by 4, at least 2 s of waiting.
        assertTrue(waited >= 5 * 400, "waited " + waited + " ms");
    }

    @Test
    void connectTellsSilenceFromNonSlipFromRejection() {
        ConnectOptions twice = ConnectOptions.defaults().withAttempts(2).withReset(ResetMode.NO_RESET);
        BootloaderNotRespondingException silent = assertThrows(BootloaderNotRespondingException.class,
                () -> EspConnector.connect(new ScriptedTransport(cmd -> null), twice, OperationScope.none()));
        assertEquals(Reason.SILENCE, silent.reason());
        assertEquals(2, silent.attempts());
        assertTrue(silent.getMessage().contains("scripted"));

        ScriptedTransport repl = new ScriptedTransport(cmd -> "\r\n>>> ".getBytes());
        repl.preload("MicroPython v1.22.2 on 2024-02-22; ESP32 module with ESP32\r\n>>> ".getBytes());
        BootloaderNotRespondingException app = assertThrows(BootloaderNotRespondingException.class,
                () -> EspConnector.connect(repl, twice, OperationScope.none()));
        assertEquals(Reason.NOT_SLIP, app.reason());
        assertTrue(new String(app.sample()).contains(">>>"));
        assertTrue(app.getMessage().contains("MicroPython"), app.getMessage());

        ScriptedTransport locked = new ScriptedTransport(cmd -> ScriptedTransport.response(0x08, 1, (byte) 1,
                (byte) 0x06, (byte) 0, (byte) 0));
        BootloaderNotRespondingException rejected = assertThrows(BootloaderNotRespondingException.class,
                () -> EspConnector.connect(locked, twice, OperationScope.none()));
        assertEquals(Reason.REJECTED, rejected.reason());
    }

    @Test
    void syncSucceedsThroughBootNoiseAndDetectsARunningStub() throws Exception {
        ScriptedTransport t = new ScriptedTransport(cmd -> cmd[1] == 0x08
                ? ScriptedTransport.response(0x08, 0, (byte) 0, (byte) 0) : null);
        t.preload("ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET),boot:0x3 waiting for download\r\n".getBytes());
        EspConnector.Connection c = EspConnector.connect(t, ConnectOptions.defaults().withReset(ResetMode.NO_RESET),
                OperationScope.none());
        assertTrue(c.stubDetected(), "SYNC value 0 means the stub answers");
    }

    @Test
    void bootLogTellsTheBootMode() {
        assertTrue(EspConnector.describeBootLog("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)")
                .contains("wrong boot mode"));
        assertTrue(EspConnector.describeBootLog("boot:0x3 (DOWNLOAD_BOOT)\r\nwaiting for download\r\n")
                .contains("no SYNC answer"));
        assertEquals("", EspConnector.describeBootLog("garbage"));
    }
}
