package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.images.TestFirmware;

@Timeout(60)
class FirmwareCatalogTest {
    static final String LATEST = "ESP32_GENERIC-20251209-v1.27.0.bin";
    static final String PREVIEW_19 = "ESP32_GENERIC-20251229-v1.28.0-preview.19.gb81f0a77d.bin";

    @TempDir
    Path cache;
    MockWebServer server;
    FakeSite site;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-10T12:00:00Z"));
    OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        site = new FakeSite();
        server = new MockWebServer();
        server.setDispatcher(site);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    FirmwareCatalog catalog() {
        return catalog(false);
    }

    FirmwareCatalog catalog(boolean offline) {
        return FirmwareCatalog.builder().baseUrl(server.url("/").toString()).httpClient(client).cacheDirectory(cache)
                .clock(clock).offline(offline).build();
    }

    Path cached(String name) {
        return cache.resolve("firmware").resolve(name);
    }

    @Test
    void boardsPerPort() throws Exception {
        FirmwareCatalog c = catalog();
        assertEquals(List.of("ESP32_GENERIC", "ESP32_GENERIC_C3", "ESP32_GENERIC_C5", "ESP32_GENERIC_S3", "SEEED_XIAO_ESP32C5",
                "UM_TINYPICO"), c.boards(Port.ESP32).stream().map(BoardSummary::id).toList());
        assertEquals(List.of("ESP8266_GENERIC"), c.boards(Port.ESP8266).stream().map(BoardSummary::id).toList());
        assertEquals(7, c.boards().size());
        assertEquals(1, site.requestsFor("?port=esp32").size(), "the index is fetched once and then cached");
    }

    @Test
    void detailsMergePageAndBundledMetadata() throws Exception {
        BoardDetails d = catalog().board("ESP8266_GENERIC").details();
        assertEquals("ESP8266 with 2MiB+ flash", d.product());
        assertEquals("Espressif", d.vendor());
        assertEquals("esp8266", d.mcu(), "the page names no chip: bundled metadata");
        assertEquals(List.of("", "FLASH_1M", "FLASH_512K"), d.variants());
        assertEquals(Origin.NETWORK, d.origin());
        BoardDetails s3 = catalog().board("ESP32_GENERIC_S3").details();
        assertEquals("esp32s3", s3.mcu());
        assertEquals(Chip.ESP32_S3, s3.chip().orElseThrow());
    }

    @Test
    void choosesByVersionNumberNotPageOrder() throws Exception {
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        assertEquals(List.of("v1.27.0", "v1.26.1", "v1.25.0", "v1.24.1", "v1.22.2"),
                b.releases().stream().map(f -> f.version().toString()).toList());
        assertEquals(LATEST, b.latestRelease().file().name().fileName());
        assertEquals(PREVIEW_19, b.latestPreview().file().name().fileName(), "preview.19 although the page lists preview.12 first");
        assertEquals(List.of(19, 12, 3), b.previews().stream().map(f -> f.version().preview()).toList());
        assertEquals("ESP32_GENERIC-20250415-v1.25.0.bin", b.release("1.25.0").file().name().fileName());
        assertEquals("ESP32_GENERIC-SPIRAM-20250911-v1.26.1.bin", b.variant("SPIRAM").release("v1.26.1").file().name().fileName());
        assertEquals("ESP32_GENERIC-20251209-v1.27.0.app-bin", b.fileType(FileType.APP_BIN).latestRelease().file().name().fileName());
        FirmwareNotFoundException e = assertThrows(FirmwareNotFoundException.class, () -> b.release("v1.99.0"));
        assertTrue(e.getMessage().contains("v1.25.0"), e.getMessage());
    }

    @Test
    void unknownAndRetiredVariantsSayWhatExists() throws Exception {
        FirmwareNotFoundException e = assertThrows(FirmwareNotFoundException.class,
                () -> catalog().board("ESP32_GENERIC").variant("SPIRAM_OCT").latestRelease());
        assertTrue(e.getMessage().contains("SPIRAM, D2WD"), e.getMessage());
        FirmwareNotFoundException retired = assertThrows(FirmwareNotFoundException.class,
                () -> catalog().board("ESP8266_GENERIC").variant("OTA").latestRelease());
        assertTrue(retired.getMessage().contains("retired"), retired.getMessage());
        FirmwareNotFoundException noPreview = assertThrows(FirmwareNotFoundException.class,
                () -> catalog().board("ESP32_GENERIC").variant("D2WD").latestPreview());
        assertTrue(noPreview.getMessage().contains("no preview build"), noPreview.getMessage());
    }

    @Test
    void unknownBoardIsNotFound() {
        assertThrows(FirmwareNotFoundException.class, () -> catalog().board("NO_SUCH_BOARD").details());
        assertThrows(IllegalArgumentException.class, () -> catalog().board("../etc"));
    }

    @Test
    void genericBoardForADetectedChip() throws Exception {
        FirmwareCatalog c = catalog();
        assertEquals("ESP32_GENERIC", c.genericBoardFor("ESP32-D0WD-V3").id());
        assertEquals("ESP32_GENERIC_S3", c.genericBoardFor("ESP32-S3").id());
        assertEquals("ESP8266_GENERIC", c.genericBoardFor("ESP8266EX").id());
        assertEquals("ESP32_GENERIC_C5", c.genericBoardFor(Chip.ESP32_C5).id());
        assertThrows(FirmwareNotFoundException.class, () -> c.genericBoardFor("RP2040"));
        assertThrows(FirmwareNotFoundException.class, () -> c.genericBoardFor(Chip.ESP32_C61));
        Firmware fw = c.genericBoardFor("ESP32-C3").latestRelease().download();
        assertEquals(Chip.ESP32_C3, fw.chip().orElseThrow());
        assertEquals(0, fw.flashOffset());
    }

    @Test
    void downloadVerifiesCachesAndPins() throws Exception {
        List<Progress> events = new CopyOnWriteArrayList<>();
        Firmware fw = catalog().board("ESP32_GENERIC").latestRelease().download(DownloadOptions.defaults().withProgress(events::add));
        byte[] served = site.bytes(LATEST);
        assertArrayEquals(served, fw.bytes());
        assertEquals(Origin.NETWORK, fw.origin());
        assertEquals(Chip.ESP32, fw.chip().orElseThrow());
        assertEquals("ESP32", fw.chipName());
        assertEquals("esp32", fw.mcu());
        assertEquals(0x1000, fw.flashOffset());
        assertEquals("ESP32_GENERIC", fw.board());
        assertEquals("", fw.variant());
        assertEquals(FirmwareVersion.release(1, 27, 0), fw.version());
        assertEquals(cached(LATEST), fw.file());
        assertArrayEquals(served, Files.readAllBytes(fw.file()));
        assertEquals(HttpFileCache.sha256(served), fw.sha256());
        String lock = Files.readString(cache.resolve("firmware-lock.json"));
        assertTrue(lock.contains(LATEST) && lock.contains(fw.sha256()), lock);
        assertFalse(events.isEmpty());
        Progress last = events.get(events.size() - 1);
        assertEquals(served.length, last.done());
        assertEquals(served.length, last.total());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).done() >= events.get(i - 1).done());
        }
        fw.requireFitsFlash(4 << 20);
        assertThrows(FirmwareVerificationException.class, () -> fw.requireFitsFlash(2 << 20));
    }

    @Test
    void secondDownloadRevalidatesWithOneConditionalRequest() throws Exception {
        FirmwareCatalog c = catalog();
        c.board("ESP32_GENERIC").latestRelease().download();
        Firmware again = c.board("ESP32_GENERIC").latestRelease().download();
        assertEquals(Origin.REVALIDATED, again.origin());
        List<RecordedRequest> gets = site.requestsFor(LATEST);
        assertEquals(2, gets.size());
        assertNull(gets.get(0).getHeaders().get("If-None-Match"));
        assertNotEquals(null, gets.get(1).getHeaders().get("If-None-Match"));
        assertEquals(FakeSite.LAST_MODIFIED, gets.get(1).getHeaders().get("If-Modified-Since"));
        assertArrayEquals(site.bytes(LATEST), again.bytes());
    }

    @Test
    void pagesAreFreshForTheirMaxAgeThenRevalidated() throws Exception {
        FirmwareCatalog c = catalog();
        assertEquals(Origin.NETWORK, c.board("ESP32_GENERIC").details().origin());
        assertEquals(Origin.CACHE, c.board("ESP32_GENERIC").details().origin());
        assertEquals(1, site.requestsFor("/download/ESP32_GENERIC/").size(), "no request while fresh");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(Origin.REVALIDATED, c.board("ESP32_GENERIC").details().origin());
        List<RecordedRequest> pages = site.requestsFor("/download/ESP32_GENERIC/");
        assertEquals(2, pages.size());
        assertNotEquals(null, pages.get(1).getHeaders().get("If-None-Match"));
        // a second catalog (a new process) uses the disk cache the same way
        assertEquals(Origin.CACHE, catalog().board("ESP32_GENERIC").details().origin());
        assertEquals(2, site.requestsFor("/download/ESP32_GENERIC/").size());
    }

    @Test
    void offlineModeServesTheCacheAndSaysSo() throws Exception {
        catalog().board("ESP32_GENERIC").latestRelease().download();
        catalog().boards(Port.ESP32);
        int before = site.requests.size();
        FirmwareCatalog offline = catalog(true);
        assertTrue(offline.isOffline());
        Firmware fw = offline.board("ESP32_GENERIC").latestRelease().download();
        assertEquals(Origin.OFFLINE_CACHE, fw.origin());
        assertTrue(fw.origin().fromCache());
        assertEquals(Origin.OFFLINE_CACHE, offline.board("ESP32_GENERIC").details().origin());
        assertEquals(6, offline.boards(Port.ESP32).size());
        assertEquals(before, site.requests.size(), "offline mode sends nothing");
        NotCachedException e = assertThrows(NotCachedException.class, () -> offline.board("ESP32_GENERIC").release("v1.26.1").download());
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertThrows(NotCachedException.class, () -> offline.boards(Port.ESP8266));
    }

    @Test
    void notFoundAndServerErrors() throws Exception {
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        site.fault(LATEST, FakeSite.Fault.NOT_FOUND, 1);
        assertThrows(FirmwareNotFoundException.class, () -> b.latestRelease().download());
        site.fault(LATEST, FakeSite.Fault.SERVER_ERROR, 1);
        DownloadException e = assertThrows(DownloadException.class, () -> b.latestRelease().download());
        assertEquals(500, e.httpStatus());
        assertTrue(e.getMessage().contains("try again later"), e.getMessage());
        assertFalse(Files.exists(cached(LATEST)));
        assertEquals(Origin.NETWORK, b.latestRelease().download().origin());
    }

    @Test
    void droppedConnectionLeavesNothingInTheCacheAndTheNextDownloadResumes() throws Exception {
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        site.fault(LATEST, FakeSite.Fault.DROP_HALFWAY, 1);
        DownloadException e = assertThrows(DownloadException.class, () -> b.latestRelease().download());
        assertTrue(e.getMessage().contains("resume"), e.getMessage());
        assertFalse(Files.exists(cached(LATEST)), "no partial file in the cache");
        assertFalse(Files.readString(cache.resolve("firmware-lock.json").toFile().exists()
                ? cache.resolve("firmware-lock.json") : Files.writeString(cache.resolve("empty.json"), "")).contains(LATEST),
                "nothing pinned");
        Firmware fw = b.latestRelease().download();
        RecordedRequest resumed = site.requestsFor(LATEST).get(1);
        String range = resumed.getHeaders().get("Range");
        assertTrue(range != null && range.matches("bytes=[1-9]\\d*-"), "resumed with " + range);
        assertNotEquals(null, resumed.getHeaders().get("If-Range"));
        assertArrayEquals(site.bytes(LATEST), fw.bytes());
        assertEquals(Origin.NETWORK, fw.origin());
    }

    @Test
    void serverIgnoringTheRangeGetsAFullDownload() throws Exception {
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        site.fault(LATEST, FakeSite.Fault.DROP_HALFWAY, 1);
        assertThrows(DownloadException.class, () -> b.latestRelease().download());
        site.fault(LATEST, FakeSite.Fault.IGNORE_RANGE, 1);
        assertArrayEquals(site.bytes(LATEST), b.latestRelease().download().bytes());
    }

    @Test
    void wrongContentLengthIsCaughtByVerification() throws Exception {
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        site.fault(LATEST, FakeSite.Fault.SHORT_CONTENT_LENGTH, 1);
        assertThrows(FirmwareVerificationException.class, () -> b.latestRelease().download());
        assertFalse(Files.exists(cached(LATEST)));
        assertArrayEquals(site.bytes(LATEST), b.latestRelease().download().bytes());
    }

    @Test
    void changedFileOnTheServerIsRefusedByThePin() throws Exception {
        catalog().board("ESP32_GENERIC").latestRelease().download();
        byte[] original = site.bytes(LATEST);
        site.files.put(LATEST, TestFirmware.esp32Bin(0, 0, 0x1000, "v1.27.0", 3)); // valid image, other bytes
        FirmwareIntegrityException e = assertThrows(FirmwareIntegrityException.class,
                () -> catalog().board("ESP32_GENERIC").latestRelease().download());
        assertTrue(e.getMessage().contains("firmware-lock.json"), e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(cached(LATEST)), "the vetted cache entry stays");
    }

    @Test
    void pinSurvivesAnEmptiedCache() throws Exception {
        Path lock = cache.resolve("project-lock.json");
        FirmwareCatalog.builder().baseUrl(server.url("/").toString()).httpClient(client).cacheDirectory(cache.resolve("a"))
                .lockFile(lock).build().board("ESP32_GENERIC").latestRelease().download();
        site.files.put(LATEST, TestFirmware.esp32Bin(0, 0, 0x1000, "v1.27.0", 3));
        FirmwareCatalog other = FirmwareCatalog.builder().baseUrl(server.url("/").toString()).httpClient(client)
                .cacheDirectory(cache.resolve("b")).lockFile(lock).build();
        assertThrows(FirmwareIntegrityException.class, () -> other.board("ESP32_GENERIC").latestRelease().download());
        assertFalse(Files.exists(cache.resolve("b").resolve("firmware").resolve(LATEST)));
    }

    @Test
    void callerExpectedHash() throws Exception {
        String good = HttpFileCache.sha256(site.bytes(LATEST));
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        assertThrows(FirmwareIntegrityException.class, () -> b.latestRelease().download(
                DownloadOptions.defaults().withExpectedSha256("00".repeat(32))));
        assertFalse(Files.exists(cached(LATEST)));
        assertEquals(good, b.latestRelease().download(DownloadOptions.defaults().withExpectedSha256(good.toUpperCase())).sha256());
        assertThrows(IllegalArgumentException.class, () -> DownloadOptions.defaults().withExpectedSha256("abc"));
    }

    @Test
    void corruptCacheEntryIsDetectedAndDownloadedAgain() throws Exception {
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        b.latestRelease().download();
        byte[] onDisk = Files.readAllBytes(cached(LATEST));
        onDisk[0x20] ^= 1;
        Files.write(cached(LATEST), onDisk);
        Firmware fw = catalog().board("ESP32_GENERIC").latestRelease().download();
        assertEquals(Origin.NETWORK, fw.origin());
        assertArrayEquals(site.bytes(LATEST), Files.readAllBytes(cached(LATEST)));
        assertNull(site.requestsFor(LATEST).get(1).getHeaders().get("If-None-Match"), "a full download, not a revalidation");
        Files.write(cached(LATEST), onDisk);
        assertThrows(NotCachedException.class, () -> catalog(true).board("ESP32_GENERIC").latestRelease().download(),
                "offline, a corrupt entry is not served");
    }

    @Test
    void pageWithoutLinksIsAFormatError() {
        site.page("/download/ESP32_GENERIC/", "site/no-links.html");
        assertThrows(CatalogFormatException.class, () -> catalog().board("ESP32_GENERIC").latestRelease());
        site.page("/download/?port=esp32", "site/index-no-cards.html");
        assertThrows(CatalogFormatException.class, () -> catalog().boards(Port.ESP32));
    }

    @Test
    void vanishedPreviewIsReResolved() throws Exception {
        FirmwareCatalog c = catalog();
        FirmwareChoice choice = c.board("ESP32_GENERIC").latestPreview();
        assertEquals(PREVIEW_19, choice.file().name().fileName());
        // the site drops preview.19 and lists a newer one
        site.fault(PREVIEW_19, FakeSite.Fault.NOT_FOUND, 100);
        site.pages.put("/download/ESP32_GENERIC/", site.pages.get("/download/ESP32_GENERIC/")
                .replace("20251229-v1.28.0-preview.19.gb81f0a77d", "20260105-v1.28.0-preview.25.gc0ffee123"));
        Firmware fw = choice.download();
        assertEquals(25, fw.version().preview());
        assertEquals("c0ffee123", fw.version().commit());
        assertEquals(Chip.ESP32, fw.chip().orElseThrow());
    }

    @Test
    void vanishedReleaseIsAnError() throws Exception {
        FirmwareChoice choice = catalog().board("ESP32_GENERIC").release("v1.26.1");
        site.fault("ESP32_GENERIC-20250911-v1.26.1.bin", FakeSite.Fault.NOT_FOUND, 100);
        assertThrows(FirmwareNotFoundException.class, choice::download);
    }

    @Test
    void imageForAnotherChipIsNotCached() throws Exception {
        site.files.put(LATEST, TestFirmware.esp32Bin(Chip.ESP32_S3, "v1.27.0"));
        assertThrows(FirmwareChipMismatchException.class, () -> catalog().board("ESP32_GENERIC").latestRelease().download());
        assertFalse(Files.exists(cached(LATEST)));
        assertFalse(Files.exists(cache.resolve("firmware-lock.json")) && Files.readString(cache.resolve("firmware-lock.json")).contains(LATEST));
    }

    @Test
    void vendorBoardWithWrongOffsetMetadataGetsTheChipsOffset() throws Exception {
        Firmware fw = catalog().board("SEEED_XIAO_ESP32C5").latestRelease().download();
        assertEquals(Chip.ESP32_C5, fw.chip().orElseThrow());
        assertEquals(0x2000, fw.flashOffset());
        assertTrue(fw.warnings().stream().anyMatch(w -> w.contains("metadata")), fw.warnings().toString());
        assertEquals(0x2000, catalog().board("ESP32_GENERIC_C5").latestRelease().download().flashOffset());
    }

    @Test
    void esp8266Variant() throws Exception {
        Firmware fw = catalog().board("ESP8266_GENERIC").variant("FLASH_1M").latestRelease().download();
        assertEquals(Chip.ESP8266, fw.chip().orElseThrow());
        assertEquals(0, fw.flashOffset());
        assertEquals("FLASH_1M", fw.variant());
    }

    @Test
    void nonImageFilesDownloadButAreNotFlashable() throws Exception {
        Firmware elf = catalog().board("ESP32_GENERIC_S3").fileType(FileType.UF2).latestRelease().download();
        assertFalse(elf.isFlashable());
        assertEquals(Chip.ESP32_S3, elf.chip().orElseThrow(), "from the board's MCU");
        IllegalStateException e = assertThrows(IllegalStateException.class, elf::flashOffset);
        assertTrue(e.getMessage().contains(".bin"), e.getMessage());
    }

    @Test
    void cancellationKeepsNothingInTheCacheAndTheNextDownloadResumes() throws Exception {
        site.throttleBytesPerPeriod = 4096; // ~4 MB/s: several progress events
        Cancellation cancel = new Cancellation();
        DownloadOptions options = DownloadOptions.defaults().withCancellation(cancel)
                .withProgress(p -> {
                    if (p.done() > 0) {
                        cancel.cancel();
                    }
                });
        CatalogBoard b = catalog().board("ESP32_GENERIC");
        assertThrows(OperationCancelledException.class, () -> b.latestRelease().download(options));
        assertFalse(Files.exists(cached(LATEST)));
        site.throttleBytesPerPeriod = 0;
        assertArrayEquals(site.bytes(LATEST), b.latestRelease().download().bytes());
        assertNotEquals(null, site.requestsFor(LATEST).get(1).getHeaders().get("Range"));
    }

    @Test
    void twoThreadsDownloadingTheSameFile() throws Exception {
        site.throttleBytesPerPeriod = 8192;
        FirmwareCatalog c = catalog();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Firmware> a = pool.submit(() -> c.board("ESP32_GENERIC").latestRelease().download());
            Future<Firmware> b = pool.submit(() -> c.board("ESP32_GENERIC").latestRelease().download());
            byte[] served = site.bytes(LATEST);
            assertArrayEquals(served, a.get(30, TimeUnit.SECONDS).bytes());
            assertArrayEquals(served, b.get(30, TimeUnit.SECONDS).bytes());
            assertArrayEquals(served, Files.readAllBytes(cached(LATEST)));
            assertEquals(List.of(Origin.NETWORK, Origin.REVALIDATED),
                    List.of(a.get().origin(), b.get().origin()).stream().sorted().toList(), "one downloads, the other revalidates");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoCatalogsInOneJvmShareACacheDirectory() throws Exception {
        site.throttleBytesPerPeriod = 8192;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Firmware> a = pool.submit(() -> catalog().board("ESP32_GENERIC").latestRelease().download());
            Future<Firmware> b = pool.submit(() -> catalog().board("ESP32_GENERIC").latestRelease().download());
            assertEquals(a.get(30, TimeUnit.SECONDS).sha256(), b.get(30, TimeUnit.SECONDS).sha256());
            assertArrayEquals(site.bytes(LATEST), Files.readAllBytes(cached(LATEST)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void localFileLoads() throws Exception {
        Path file = cache.resolve("ESP32_GENERIC_S3-20251209-v1.27.0.bin");
        Files.write(file, TestFirmware.esp32Bin(Chip.ESP32_S3, "v1.27.0"));
        Firmware fw = Firmware.load(file);
        assertEquals(Chip.ESP32_S3, fw.chip().orElseThrow());
        assertEquals(0, fw.flashOffset());
        Path renamed = cache.resolve("ESP32_GENERIC-20251209-v1.27.0.bin");
        Files.write(renamed, TestFirmware.esp32Bin(Chip.ESP32_S3, "v1.27.0"));
        assertThrows(FirmwareChipMismatchException.class, () -> Firmware.load(renamed));
    }
}
