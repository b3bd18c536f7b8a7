package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.serial.esp.stub.StubImage;
import org.mpysdk.serial.esp.stub.StubSource;
import org.mpysdk.testkit.internal.transcript.Transcript;
import org.mpysdk.testkit.internal.transcript.TranscriptMismatchException;
import org.mpysdk.testkit.internal.transcript.TranscriptTransport;

/**
 * Replays what Espressif's real ROMs and esptool 4.8.1's stubs answered to {@link LoaderScenario} (recorded
 * by {@link RealRomTest} in Espressif's QEMU, in {@code src/test/resources/transcripts}): the SDK must
 * send each command in the shape the real loader took, or the replay names the first that differs.
 */
@Tag("transcript")
@Timeout(120)
class TranscriptReplayTest {
    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3"})
    void romPathsMatchTheRealRom(String key) throws Exception {
        TranscriptTransport chip = new TranscriptTransport(key + "-rom", load(key + "-rom"));
        LoaderScenario.rom(chip, Chip.parse(key));
        assertReplayedWhole(chip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3"})
    void stubPathsMatchTheRealStub(String key) throws Exception {
        Transcript t = load(key + "-stub");
        TranscriptTransport chip = new TranscriptTransport(key + "-stub", t);
        LoaderScenario.stub(chip, Chip.parse(key), standIn(t), LoaderScenario.stubBaud(Chip.parse(key)), false);
        assertReplayedWhole(chip);
    }

    /** The defect the real ESP32 stub showed: a 20-byte FLASH_DEFL_BEGIN, refused. The replay must catch it. */
    @Test
    void aTwentyByteDeflBeginToTheStubIsCaught() throws Exception {
        Transcript t = load("esp32-stub");
        TranscriptTransport chip = new TranscriptTransport("esp32-stub", t);
        try (EspBootloader esp = EspBootloader.connect(chip, ConnectOptions.defaults().withReset(ResetMode.NO_RESET)
                .withBaud(921600), OperationScope.none(), standIn(t))) {
            byte[] begin = org.mpysdk.serial.esp.EspLink.words(200_000, 4, 0x4000, 0x1000, 0);
            esp.link().send(org.mpysdk.serial.esp.protocol.Opcode.FLASH_DEFL_BEGIN, begin, 0);
        } catch (TranscriptMismatchException expected) {
            // the write itself may be refused
        }
        TranscriptMismatchException m = chip.mismatch().orElse(null);
        assertNotNull(m, "a 20-byte FLASH_DEFL_BEGIN differs from what the real stub took");
        assertTrue(m.getMessage().contains("20 bytes"), m.getMessage());
    }

    private static void assertReplayedWhole(TranscriptTransport chip) {
        assertEquals(Optional.empty(), chip.mismatch().map(Throwable::getMessage));
        assertEquals(chip.commandsRecorded(), chip.commandsMatched(), "every recorded command was sent");
    }

    private static StubSource standIn(Transcript t) {
        String shape = t.header().stream().filter(h -> h.startsWith("stub ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the transcript names no stub shape"));
        StubImage stub = StubShape.standIn(shape);
        return new StubSource() {
            @Override
            public Optional<StubImage> find(Chip chip) {
                return Optional.of(stub);
            }

            @Override
            public String describe() {
                return "stand-in of the recorded stub";
            }
        };
    }

    static Transcript load(String name) throws IOException {
        try (InputStream in = TranscriptReplayTest.class.getResourceAsStream("/transcripts/" + name + ".txt")) {
            assertNotNull(in, "transcript " + name + " is missing: record it with RealRomTest (docs/testing.md)");
            return Transcript.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }
}
