package org.mpysdk.serial.esp.stub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.flash.Chip;

/** The stub JSON reader and the stub sources. */
class StubImageTest {
    private static final String ESP32_LIKE = "{\n  \"entry\": 1074434092,\n  \"text\": \""
            + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5}) + "\",\n  \"text_start\": 1074429952,\n"
            + "  \"data\": \"" + Base64.getEncoder().encodeToString(new byte[] {9, 8}) + "\",\n"
            + "  \"data_start\": 1073605996,\n  \"bss_start\": 1073528832\n}\n";

    @Test
    void readsEsptoolsFormat() throws Exception {
        StubImage s = StubImage.fromJson(ESP32_LIKE, "esp32.json");
        assertEquals(0x400A902CL, s.entry());
        assertEquals(0x400A8000L, s.textStart());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, s.text());
        assertArrayEquals(new byte[] {9, 8}, s.data());
        assertEquals(1073605996L, s.dataStart());
    }

    @Test
    void missingOrWrongFieldsAreNamed() {
        assertTrue(assertThrows(StubFormatException.class, () -> StubImage.fromJson("{\"entry\": 1}", "x"))
                .getMessage().contains("text"));
        assertTrue(assertThrows(StubFormatException.class,
                () -> StubImage.fromJson("{\"entry\": \"1\", \"text\": \"AQ==\", \"text_start\": 0}", "x")).getMessage()
                .contains("entry"));
        assertTrue(assertThrows(StubFormatException.class, () -> StubImage.fromJson("{\"entry\": 1,", "x"))
                .getMessage().contains("not valid JSON"));
        assertThrows(StubFormatException.class, () -> StubImage.fromJson("[" .repeat(10_000), "deep"));
    }

    @Test
    void malformedJsonOfEveryKindIsAStubFormatException() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\q\"", "tru", "1 2", "-", "[.5]"}) {
            assertThrows(StubFormatException.class, () -> StubImage.fromJson(bad, "bad"), bad);
        }
    }

    @Test
    void directorySourceFindsBothNamingSchemes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stub_flasher_32s3.json"), ESP32_LIKE);
        Files.createDirectories(dir.resolve("2"));
        Files.writeString(dir.resolve("2/esp32c3.json"), ESP32_LIKE);
        StubSource src = StubSource.directory(dir);
        assertTrue(src.find(Chip.ESP32_S3).isPresent());
        assertTrue(src.find(Chip.ESP32_C3).isPresent());
        assertEquals(Optional.empty(), src.find(Chip.ESP32));
        assertEquals(List.of("esp8266.json", "1/esp8266.json", "2/esp8266.json", "stub_flasher_8266.json"),
                StubSource.fileNames(Chip.ESP8266));
        assertEquals("stub_flasher_32.json", StubSource.fileNames(Chip.ESP32).get(3));
    }

    /** esptool 4.8 takes 1/ first; the 2/ builds do not run where 1/ does (Espressif's QEMU). */
    @Test
    void esptoolsOneFolderWinsOverTwo(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("1"));
        Files.createDirectories(dir.resolve("2"));
        Files.writeString(dir.resolve("2/esp32.json"), ESP32_LIKE);
        Files.writeString(dir.resolve("1/esp32.json"), ESP32_LIKE);
        assertTrue(StubSource.directory(dir).find(Chip.ESP32).orElseThrow().name().endsWith("1/esp32.json"));
    }

    @FuzzTest(maxDuration = "10s")
    void garbageJsonFailsTypedNeverLoops(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            StubImage.fromJson(text, "fuzz");
        } catch (StubFormatException expected) {
            assertTrue(expected.getMessage().startsWith("stub fuzz"));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void generatedStubsRoundTrip(FuzzedDataProvider data) throws Exception {
        byte[] text = data.consumeBytes(data.consumeInt(1, 300));
        if (text.length == 0) {
            text = new byte[] {0};
        }
        byte[] d = data.consumeBytes(data.consumeInt(0, 100));
        long entry = data.consumeLong(0, 0xFFFF_FFFFL);
        String json = String.format("{\"entry\":%d,\"text\":\"%s\",\"text_start\":%d,\"data\":\"%s\",\"data_start\":%d}",
                entry, Base64.getEncoder().encodeToString(text), 0x40080000L,
                Base64.getEncoder().encodeToString(d), 0x3FFB0000L);
        StubImage s = StubImage.fromJson(json, "gen");
        assertArrayEquals(text, s.text());
        assertArrayEquals(d, s.data());
        assertEquals(entry, s.entry());
    }
}
