package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpysdk.core.Transport;
import org.mpysdk.core.Transports;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashRegion;
import org.mpysdk.serial.esp.stub.StubSource;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.EspRomEmulator;
import org.mpysdk.testkit.internal.transcript.RecordingTransport;

/**
 * The flasher against Espressif's real ESP32 and ESP32-C3 mask ROMs and esptool 4.8.1's own stubs, in
 * Espressif's QEMU (built peers: skipped where they are not built). Every path of {@link LoaderScenario},
 * then the flash file compared byte for byte with what was written. With
 * {@code -Dmpysdk.recordTranscripts=DIR} each run writes its transcript for {@link TranscriptReplayTest}.
 */
@Tag(BuiltPeers.TAG)
@Timeout(300)
class RealRomTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3"})
    void romOnlyPathsAreByteExact(String key) throws Exception {
        Chip chip = Chip.parse(key);
        Path qemu = BuiltPeers.require(BuiltPeers.espQemu(), BuiltPeers.ESP_QEMU_HINT);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, chip, dir.resolve(key + ".flash"))) {
            FlashImage expected;
            try (RecordingTransport t = new RecordingTransport(Transports.open(rom.port()))) {
                expected = LoaderScenario.rom(t, chip);
                save(t, key + "-rom", List.of(chip.displayName() + " ROM in Espressif's QEMU, LoaderScenario.rom"));
            }
            assertFlashHolds(rom, expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3"})
    void stubPathsAreByteExact(String key) throws Exception {
        Chip chip = Chip.parse(key);
        Path qemu = BuiltPeers.require(BuiltPeers.espQemu(), BuiltPeers.ESP_QEMU_HINT);
        Path stubs = BuiltPeers.require(BuiltPeers.esptoolStubs(), BuiltPeers.ESPTOOL_HINT);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, chip, dir.resolve(key + ".flash"))) {
            FlashImage expected;
            try (RecordingTransport t = new RecordingTransport(Transports.open(rom.port()))) {
                expected = LoaderScenario.stub(t, chip, StubSource.directory(stubs), LoaderScenario.stubBaud(chip), false);
                save(t, key + "-stub", List.of(chip.displayName() + " ROM + esptool 4.8.1 stub (1/" + key
                        + ".json) in Espressif's QEMU, LoaderScenario.stub at " + LoaderScenario.stubBaud(chip),
                        "stub " + StubShape.describe(StubSource.directory(stubs).find(chip).orElseThrow())));
            }
            assertFlashHolds(rom, expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3"})
    void stubErasesTheWholeChip(String key) throws Exception {
        Chip chip = Chip.parse(key);
        Path qemu = BuiltPeers.require(BuiltPeers.espQemu(), BuiltPeers.ESP_QEMU_HINT);
        Path stubs = BuiltPeers.require(BuiltPeers.esptoolStubs(), BuiltPeers.ESPTOOL_HINT);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, chip, dir.resolve(key + ".flash"));
                Transport t = Transports.open(rom.port())) {
            LoaderScenario.stub(t, chip, StubSource.directory(stubs), LoaderScenario.stubBaud(chip), true);
            byte[] all = rom.readFlash(0, EspRomEmulator.FLASH_BYTES);
            assertArrayEquals(LoaderScenario.padded(new byte[0], all.length), all, "every byte erased");
        }
    }

    /** The answers VirtualEspStrictnessTest holds VirtualEsp to, from the real loaders. */
    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3"})
    void realLoadersRefuseTheOtherBeginLength(String key) throws Exception {
        Chip chip = Chip.parse(key);
        Path qemu = BuiltPeers.require(BuiltPeers.espQemu(), BuiltPeers.ESP_QEMU_HINT);
        Path stubs = BuiltPeers.require(BuiltPeers.esptoolStubs(), BuiltPeers.ESPTOOL_HINT);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, chip, dir.resolve(key + ".flash"))) {
            try (Transport t = Transports.open(rom.port());
                    org.mpysdk.serial.esp.EspBootloader esp = FlasherFixtures.romOnly(t)) {
                int wrong = chip == Chip.ESP32 ? 20 : 16;
                org.junit.jupiter.api.Assertions.assertEquals(0x0105,
                        VirtualEspStrictnessTest.status(esp, org.mpysdk.serial.esp.protocol.Opcode.FLASH_BEGIN,
                                wrong == 20 ? VirtualEspStrictnessTest.BEGIN_20 : VirtualEspStrictnessTest.BEGIN_16),
                        "the " + key + " ROM refuses a " + wrong + "-byte FLASH_BEGIN");
            }
        }
        Files.deleteIfExists(dir.resolve(key + ".flash"));
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, chip, dir.resolve(key + ".flash"));
                Transport t = Transports.open(rom.port());
                org.mpysdk.serial.esp.EspBootloader esp = FlasherFixtures.withStub(t, stubs, 0)) {
            org.junit.jupiter.api.Assertions.assertEquals(VirtualEspStrictnessTest.STUB_BAD_BEGIN_LENGTH,
                    VirtualEspStrictnessTest.status(esp, org.mpysdk.serial.esp.protocol.Opcode.FLASH_DEFL_BEGIN,
                            VirtualEspStrictnessTest.STUB_BEGIN_20), "the real stub refuses a 20-byte FLASH_DEFL_BEGIN");
        }
    }

    private static void assertFlashHolds(EspRomEmulator rom, FlashImage expected) throws IOException {
        for (FlashRegion r : expected.regions()) {
            assertArrayEquals(r.bytes(), rom.readFlash(r.offset(), r.bytes().length),
                    String.format("the flash file holds the region at 0x%X byte for byte", r.offset()));
        }
    }

    private static void save(RecordingTransport t, String name, List<String> header) throws IOException {
        String to = System.getProperty("mpysdk.recordTranscripts");
        if (to == null || to.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(to));
        Files.writeString(Path.of(to, name + ".txt"), t.transcript(header).format());
    }
}
