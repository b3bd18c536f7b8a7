package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareFileNameTest {

    static List<String> fixtureUrls() throws IOException {
        try (InputStream in = FirmwareFileNameTest.class.getClassLoader().getResourceAsStream("micropython-org/firmware-urls.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void everyFixtureUrlParsesToTheRightParts() throws Exception {
        List<String> urls = fixtureUrls();
        assertEquals(333, urls.size(), "the shared fixture lists 333 URLs");
        // An independent, deliberately naive reading of the same grammar to compare against.
        Pattern naive = Pattern.compile("https://micropython\\.org/resources/firmware/([A-Z0-9_]+)(?:-([A-Z0-9_]+))?-(\\d{4})(\\d{2})(\\d{2})"
                + "-v(\\d+)\\.(\\d+)\\.(\\d+)(?:-preview\\.(\\d+)\\.g([0-9a-f]+))?\\.(.+)");
        for (String url : urls) {
            FirmwareFileName n = FirmwareFileName.fromUrl(url);
            Matcher m = naive.matcher(url);
            assertTrue(m.matches(), url);
            assertEquals(m.group(1), n.board(), url);
            assertEquals(m.group(2) == null ? "" : m.group(2), n.variant(), url);
            assertEquals(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))),
                    n.buildDate(), url);
            assertEquals(Integer.parseInt(m.group(6)), n.version().major(), url);
            assertEquals(Integer.parseInt(m.group(7)), n.version().minor(), url);
            assertEquals(Integer.parseInt(m.group(8)), n.version().patch(), url);
            assertEquals(m.group(9) == null ? -1 : Integer.parseInt(m.group(9)), n.version().preview(), url);
            assertEquals(m.group(10) == null ? "" : m.group(10), n.version().commit(), url);
            assertEquals(m.group(11), n.type().extension(), url);
            assertEquals(url.substring(url.lastIndexOf('/') + 1), n.fileName());
            assertEquals(n.fileName(), FirmwareFileName.format(n.board(), n.variant(), n.buildDate(), n.version(), n.type()));
        }
    }

    @Test
    void fixtureCoversVariantsPreviewsAndEveryExtension() throws Exception {
        List<FirmwareFileName> names = fixtureUrls().stream().map(u -> {
            try {
                return FirmwareFileName.fromUrl(u);
            } catch (CatalogFormatException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertTrue(names.stream().anyMatch(n -> n.variant().equals("SPIRAM_OCT")));
        assertTrue(names.stream().anyMatch(FirmwareFileName::isPreview));
        assertEquals(6, names.stream().map(FirmwareFileName::type).distinct().count(), "bin, app-bin, elf, map, uf2, dfu");
    }

    @Test
    void specificNames() throws Exception {
        FirmwareFileName p = FirmwareFileName.parse("ESP32_GENERIC_S3-SPIRAM_OCT-20250307-v1.25.0-preview.365.g3823aeb0f.bin");
        assertEquals("ESP32_GENERIC_S3", p.board());
        assertEquals("SPIRAM_OCT", p.variant());
        assertEquals(LocalDate.of(2025, 3, 7), p.buildDate());
        assertEquals(new FirmwareVersion(1, 25, 0, 365, "3823aeb0f"), p.version());
        assertEquals(FileType.BIN, p.type());
        assertTrue(p.isPreview());

        FirmwareFileName app = FirmwareFileName.parse("ESP32_GENERIC-20240602-v1.23.0.app-bin");
        assertEquals(FileType.APP_BIN, app.type());
        assertTrue(app.isDefaultVariant());
        assertFalse(app.isPreview());
    }

    @Test
    void twoPartVersionsOfOldNames() throws Exception {
        FirmwareFileName n = FirmwareFileName.parse("esp32spiram-idf3-20220117-v1.18.bin");
        assertEquals("esp32spiram", n.board());
        assertEquals("idf3", n.variant());
        assertEquals(FirmwareVersion.release(1, 18, 0), n.version());
        assertEquals("esp32spiram-idf3-20220117-v1.18.bin", n.toString());
        assertEquals("esp8266", FirmwareFileName.parse("esp8266-20220117-v1.18.bin").board());
    }

    @Test
    void urlWithQueryOrFragment() throws Exception {
        assertEquals("ESP32_GENERIC", FirmwareFileName.fromUrl("https://micropython.org/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin?x=1#y").board());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ESP32_GENERIC.bin", "ESP32_GENERIC-20251209-v1.27.0", "ESP32_GENERIC-20251209-1.27.0.bin",
            "ESP32_GENERIC-2025129-v1.27.0.bin", "ESP32_GENERIC-20251339-v1.27.0.bin", "ESP32_GENERIC-20251209-v1.27.0.exe",
            "ESP32_GENERIC-20251209-v1.27.0-preview.x.gabc.bin", "../ESP32_GENERIC-20251209-v1.27.0.bin",
            "ESP32 GENERIC-20251209-v1.27.0.bin", "-20251209-v1.27.0.bin"})
    void rejectsWhatIsNotTheGrammar(String name) {
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> FirmwareFileName.parse(name));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void rejectsHugeNamesCheaply() {
        assertThrows(CatalogFormatException.class, () -> FirmwareFileName.parse("A-".repeat(100_000)));
    }
}
