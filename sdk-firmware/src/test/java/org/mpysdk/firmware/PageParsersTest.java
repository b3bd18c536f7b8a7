package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PageParsersTest {
    private static final URI BASE = URI.create("https://micropython.org/");

    static String page(String name) throws Exception {
        try (InputStream in = PageParsersTest.class.getClassLoader().getResourceAsStream("site/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void indexCards() throws Exception {
        List<BoardSummary> boards = IndexPageParser.parse(page("index-esp32.html"), BASE.resolve("download/?port=esp32"));
        assertEquals(List.of("ESP32_GENERIC", "ESP32_GENERIC_C3", "ESP32_GENERIC_C5", "ESP32_GENERIC_S3", "SEEED_XIAO_ESP32C5",
                "UM_TINYPICO"), boards.stream().map(BoardSummary::id).toList());
        BoardSummary first = boards.get(0);
        assertEquals("ESP32 / WROOM", first.product());
        assertEquals("Espressif", first.vendor());
        assertEquals(URI.create("https://micropython.org/download/ESP32_GENERIC/"), first.page());
    }

    @Test
    void indexWithoutCardsIsAFormatErrorNotAnEmptyList() {
        CatalogFormatException e = assertThrows(CatalogFormatException.class,
                () -> IndexPageParser.parse(page("index-no-cards.html"), BASE.resolve("download/")));
        assertTrue(e.getMessage().contains("board-card"), e.getMessage());
        assertThrows(CatalogFormatException.class, () -> IndexPageParser.parse("", BASE));
        assertThrows(CatalogFormatException.class, () -> IndexPageParser.parse(
                "<a class='board-card' href='/elsewhere/x'>x</a>", BASE));
    }

    @Test
    void boardPageFilesSectionsAndLatestMark() throws Exception {
        BoardPage p = BoardPageParser.parse(page("board-ESP32_GENERIC.html"), BASE.resolve("download/ESP32_GENERIC/"), "ESP32_GENERIC");
        assertEquals("ESP32 / WROOM", p.product());
        assertEquals("Espressif", p.vendor());
        assertEquals("esp32", p.mcu(), "from --chip of the install instructions");
        assertEquals(OptionalLong.of(0x1000), p.deployOffset());
        assertEquals(4 * (5 + 3) + 4 * (2 + 1) + 4, p.files().size());
        FirmwareFile latest = p.files().get(0);
        assertEquals("ESP32_GENERIC-20251209-v1.27.0.bin", latest.name().fileName());
        assertEquals(URI.create("https://micropython.org/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin"), latest.url());
        assertTrue(latest.markedLatest());
        assertEquals("Firmware", latest.section());
        assertEquals(1, p.files().stream().filter(f -> f.markedLatest() && f.variant().isEmpty() && f.type() == FileType.BIN).count());
        FirmwareFile spiram = p.files().stream().filter(f -> f.variant().equals("SPIRAM")).findFirst().orElseThrow();
        assertEquals("Firmware (Support for SPIRAM / WROVER)", spiram.section());
        assertEquals(List.of("", "SPIRAM", "D2WD"), p.files().stream().map(FirmwareFile::variant).distinct().toList());
    }

    @Test
    void headingOrderDoesNotMatter() throws Exception {
        BoardPage p = BoardPageParser.parse(page("board-ESP32_GENERIC_S3.html"), BASE.resolve("download/ESP32_GENERIC_S3/"),
                "ESP32_GENERIC_S3");
        assertEquals("esp32s3", p.mcu(), "from the MCU line");
        assertEquals(OptionalLong.of(0), p.deployOffset());
        assertEquals(3, p.files().stream().filter(f -> f.type() == FileType.UF2 && f.variant().isEmpty()).count());
        assertEquals(1, p.files().stream().filter(f -> f.isPreview() && f.type() == FileType.BIN).count());
        assertEquals(List.of("", "SPIRAM_OCT", "FLASH_4M"), p.files().stream().map(FirmwareFile::variant).distinct()
                .collect(Collectors.toList()));
    }

    @Test
    void esp8266PageWithPlainVendorLineAndZeroOffset() throws Exception {
        BoardPage p = BoardPageParser.parse(page("board-ESP8266_GENERIC.html"), BASE.resolve("download/ESP8266_GENERIC/"),
                "ESP8266_GENERIC");
        assertEquals("Espressif", p.vendor());
        assertEquals("", p.mcu(), "the page names no chip; the bundled metadata fills it in");
        assertEquals(OptionalLong.of(0), p.deployOffset());
        assertFalse(p.files().isEmpty());
    }

    @Test
    void aLinkWhoseNameParsesButIsNoUriIsSkippedNotThrown() throws Exception {
        // A fuzz finding: the last segment is a good file name, an earlier one holds characters no URI may have.
        String html = "<h1>ESP32_GENERIC</h1><a href=\"/resources/firmware/ESP32<b>x/ESP32_GENERIC-20251209-v1.27.0.bin\">bad</a>"
                + "<a href=\"/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin\">good</a>";
        BoardPage p = BoardPageParser.parse(html, BASE.resolve("download/ESP32_GENERIC/"), "ESP32_GENERIC");
        assertEquals(1, p.files().size());
        assertEquals(BASE.resolve("resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin"), p.files().get(0).url());
    }

    @Test
    void pageWithoutFirmwareLinksIsAFormatError() {
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> BoardPageParser.parse(page("no-links.html"),
                BASE.resolve("download/ESP32_GENERIC/"), "ESP32_GENERIC"));
        assertTrue(e.getMessage().contains("/resources/firmware/"), e.getMessage());
        assertThrows(CatalogFormatException.class, () -> BoardPageParser.parse(
                "<a href='/resources/firmware/garbage.bin'>x</a><a href='/resources/firmware/OTHER-20251209-v1.27.0.bin'>y</a>",
                BASE, "ESP32_GENERIC"), "unparseable links and other boards' files do not count");
    }
}
