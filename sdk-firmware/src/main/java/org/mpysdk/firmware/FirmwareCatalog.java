package org.mpysdk.firmware;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.mpysdk.core.BoardException;
import org.mpysdk.core.flash.Chip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MicroPython firmware catalog of micropython.org as an API: list boards, look at a board's
 * releases and previews, pick one, download it into a per-user cache and verify it.
 *
 * <pre>{@code
 * FirmwareCatalog catalog = FirmwareCatalog.micropythonOrg();
 * Firmware fw = catalog.board("ESP32_GENERIC").variant("SPIRAM").latestRelease().download();
 * Firmware forChip = catalog.genericBoardFor("ESP32-S3").latestRelease().download();
 * }</pre>
 *
 * <p>Thread-safe; share one catalog per cache directory. Pages are cached and revalidated with
 * conditional requests; firmware files are cached, pinned by SHA-256 in a lock file on first
 * download and verified as ESP images before they enter the cache.
 */
public final class FirmwareCatalog {
    /** The site. */
    public static final URI MICROPYTHON_ORG = URI.create("https://micropython.org/");
    /** How long a fetched page is used without asking the server again, by default. */
    public static final Duration DEFAULT_PAGE_MAX_AGE = Duration.ofMinutes(10);
    /** Name of the lock file in the cache directory, by default. */
    public static final String LOCK_FILE_NAME = "firmware-lock.json";

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareCatalog.class);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUrl;
    private final HttpFileCache cache;
    private final IntegrityPins pins;
    private final boolean offline;
    private final Duration pageMaxAge;
    private final EspBoardMetadata metadata;
    private final ImageVerifier verifier = new ImageVerifier();
    private final Map<String, Parsed> parsedPages = new ConcurrentHashMap<>();

    /** A parsed page and the hash of the bytes it was parsed from, so an unchanged page is not parsed again. */
    private record Parsed(String sha256, Object value) {
    }

    private FirmwareCatalog(Builder b) {
        this.baseUrl = b.baseUrl;
        this.offline = b.offline;
        this.pageMaxAge = b.pageMaxAge;
        this.metadata = b.metadata;
        Path dir = b.cacheDirectory != null ? b.cacheDirectory : CacheLocations.defaultDirectory();
        this.cache = new HttpFileCache(dir, b.client != null ? b.client : new OkHttpClient(), b.clock);
        this.pins = new IntegrityPins(b.lockFile != null ? b.lockFile : dir.resolve(LOCK_FILE_NAME), b.clock);
    }

    /** @return a catalog of micropython.org with the default cache directory and HTTP client */
    public static FirmwareCatalog micropythonOrg() {
        return builder().build();
    }

    /** @return a builder, for another base URL, HTTP client, cache directory, offline mode or clock */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the site's base URL */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the cache directory */
    public Path cacheDirectory() {
        return cache.root();
    }

    /** @return the lock file holding the pinned SHA-256 of every file downloaded so far */
    public Path lockFile() {
        return pins.file();
    }

    /** @return whether the catalog serves only from the cache */
    public boolean isOffline() {
        return offline;
    }

    /**
     * Lists the boards of one port, as the site's download index shows them.
     *
     * @param port the MicroPython port whose download index to read
     * @return one summary per board card, in the index's order
     * @throws CatalogFormatException when the index has no board card that parses
     * @throws DownloadException when the index cannot be fetched
     * @throws NotCachedException offline, and the index was never fetched
     */
    public List<BoardSummary> boards(Port port) throws BoardException {
        URI url = baseUrl.resolve("download/?port=" + port.id());
        return page("pages/index-" + port.id() + ".html", url, false, "the " + port.id() + " board index",
                html -> IndexPageParser.parse(html, url));
    }

    /**
     * Lists the boards of every ESP port (esp32, then esp8266).
     *
     * @return the summaries of both indexes, esp32 first
     * @throws CatalogFormatException when an index has no board card that parses
     * @throws DownloadException when an index cannot be fetched
     * @throws NotCachedException offline, and an index was never fetched
     * @throws BoardException another catalog failure
     */
    public List<BoardSummary> boards() throws BoardException {
        List<BoardSummary> all = new ArrayList<>();
        for (Port port : Port.values()) {
            all.addAll(boards(port));
        }
        return all;
    }

    /**
     * A board by id. Nothing is fetched until the board's details or files are asked for.
     *
     * @param id a board id such as {@code ESP32_GENERIC_C3}
     * @return the board, not yet checked against the site
     * @throws IllegalArgumentException when the id has characters no board id has
     */
    public CatalogBoard board(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("'" + id + "' is not a board id; board ids look like ESP32_GENERIC_S3");
        }
        return new CatalogBoard(this, id, "", FileType.BIN);
    }

    /**
     * The generic board for a detected chip.
     *
     * @param detectedChip a chip name as a bootloader reports it: {@code ESP32-D0WD-V3}, {@code ESP32-S3}, {@code esp32c6}
     * @return the chip's generic board, e.g. {@code ESP32_GENERIC_C6}
     * @throws FirmwareNotFoundException when the chip is unknown or MicroPython has no generic board for it
     */
    public CatalogBoard genericBoardFor(String detectedChip) throws FirmwareNotFoundException {
        Chip chip = Chip.fromName(detectedChip).orElseThrow(() -> new FirmwareNotFoundException(
                "'" + detectedChip + "' is not a chip this SDK knows (known: " + List.of(Chip.values())
                        + "); pick a board by id with board(\"...\")"));
        return genericBoardFor(chip);
    }

    /**
     * The generic board for a chip ({@code ESP32 -> ESP32_GENERIC}, {@code ESP32-S3 -> ESP32_GENERIC_S3} ...).
     *
     * @param chip the chip family, e.g. from {@code ChipInfo.chip()}
     * @return the chip's generic board
     * @throws FirmwareNotFoundException when MicroPython has no generic board for it
     */
    public CatalogBoard genericBoardFor(Chip chip) throws FirmwareNotFoundException {
        return board(GenericBoards.of(chip).orElseThrow(() -> new FirmwareNotFoundException(
                "MicroPython publishes no generic board for " + chip + "; look for a vendor board with boards(Port.ESP32)")));
    }

    /** @return the board's page merged with the bundled metadata; {@code refresh} revalidates even a fresh page */
    BoardDetails details(String boardId, boolean refresh) throws BoardException {
        URI url = baseUrl.resolve("download/" + boardId + "/");
        String key = "pages/board-" + boardId + ".html";
        CachedFile raw = fetchPage(key, url, refresh, "the page of board " + boardId);
        BoardPage page = parsed(key, raw, html -> BoardPageParser.parse(html, url, boardId));
        Optional<BoardMetadata> meta = metadata.find(boardId);
        String mcu = !page.mcu().isEmpty() ? page.mcu() : meta.map(BoardMetadata::mcu).orElse("");
        String vendor = !page.vendor().isEmpty() ? page.vendor() : meta.map(BoardMetadata::vendor).orElse("");
        OptionalLong offset = meta.map(m -> OptionalLong.of(m.flashOffset())).orElse(page.deployOffset());
        Set<String> variants = new LinkedHashSet<>();
        page.files().forEach(f -> variants.add(f.variant()));
        return new BoardDetails(boardId, page.product(), vendor, mcu, new ArrayList<>(variants), offset, page.files(),
                raw.origin());
    }

    /** @return bundled metadata of a board, for messages about retired variants */
    Optional<BoardMetadata> metadata(String boardId) {
        return metadata.find(boardId);
    }

    /** Downloads (or serves from the cache) one file of a board, verified. */
    Firmware download(FirmwareFile file, BoardDetails board, DownloadOptions options) throws BoardException {
        String name = file.name().fileName();
        Optional<Chip> boardChip = Chip.fromName(board.mcu());
        if (boardChip.isEmpty() && file.type().isEspImage()) {
            LOG.warn("board {} has no known MCU; {} is verified without a chip cross-check", board.id(), name);
        }
        VerifiedImage[] verified = new VerifiedImage[1];
        ContentCheck check = (content, sha, fromCache) -> {
            if (!options.expectedSha256().isEmpty() && !options.expectedSha256().equals(sha)) {
                throw new FirmwareIntegrityException(name + " has SHA-256 " + sha + " but the caller expected "
                        + options.expectedSha256() + "; the file differs from the one you vetted, do not flash it");
            }
            Optional<IntegrityPins.Pin> pin = pins.find(name);
            if (pin.isPresent() && !pin.get().sha256().equals(sha)) {
                throw new FirmwareIntegrityException(name + " has SHA-256 " + sha + " but " + pins.file() + " pinned "
                        + pin.get().sha256() + " on " + pin.get().pinnedAt() + "; the file changed on the server or was "
                        + "tampered with. If the change is legitimate, remove its entry from the lock file");
            }
            verified[0] = file.type().isEspImage() ? verifier.verify(content, file.name(), boardChip, board.metadataOffset()) : null;
        };
        CachedFile got = cache.fetch(new FetchRequest("firmware/" + name, file.url(), offline, Duration.ZERO, options, check, name));
        pins.pinIfAbsent(name, got.sha256(), got.content().length, file.url().toString());
        if (got.origin() == Origin.OFFLINE_CACHE) {
            LOG.info("offline mode: {} served from the cache without checking the server", name);
        }
        return new Firmware(file.name(), file.url(), got.path(), got.content(), got.sha256(), got.origin(), board.mcu(), verified[0]);
    }

    /** Parses page text into a value; the parser's exception is the catalog's. */
    @FunctionalInterface
    private interface PageParser<T> {
        T parse(String html) throws CatalogFormatException;
    }

    private <T> T page(String key, URI url, boolean refresh, String what, PageParser<T> parser) throws BoardException {
        return parsed(key, fetchPage(key, url, refresh, what), parser);
    }

    private CachedFile fetchPage(String key, URI url, boolean refresh, String what) throws BoardException {
        DownloadOptions options = DownloadOptions.defaults().withTimeout(PAGE_TIMEOUT);
        return cache.fetch(new FetchRequest(key, url, offline, refresh ? Duration.ZERO : pageMaxAge, options,
                ContentCheck.NONE, what));
    }

    @SuppressWarnings("unchecked")
    private <T> T parsed(String key, CachedFile raw, PageParser<T> parser) throws CatalogFormatException {
        Parsed memo = parsedPages.get(key);
        if (memo != null && memo.sha256().equals(raw.sha256())) {
            return (T) memo.value();
        }
        T value = parser.parse(new String(raw.content(), StandardCharsets.UTF_8));
        parsedPages.put(key, new Parsed(raw.sha256(), value));
        return value;
    }

    /** Configures a {@link FirmwareCatalog}. */
    public static final class Builder {
        private URI baseUrl = MICROPYTHON_ORG;
        private OkHttpClient client;
        private Path cacheDirectory;
        private Path lockFile;
        private boolean offline;
        private Clock clock = Clock.systemUTC();
        private Duration pageMaxAge = DEFAULT_PAGE_MAX_AGE;
        private EspBoardMetadata metadata;

        private Builder() {
        }

        /**
         * @param url the site root (a mirror, or a test server); a missing trailing slash is added
         * @return this builder
         */
        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        /**
         * @param url the site root (a mirror, or a test server); a missing trailing slash is added
         * @return this builder
         */
        public Builder baseUrl(URI url) {
            String s = Objects.requireNonNull(url, "url").toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
            return this;
        }

        /**
         * @param httpClient the OkHttp client to use (proxies, timeouts, interceptors)
         * @return this builder
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.client = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * @param directory the cache directory instead of the per-user default ({@link CacheLocations})
         * @return this builder
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param file the integrity lock file instead of {@code firmware-lock.json} in the cache directory
         * @return this builder
         */
        public Builder lockFile(Path file) {
            this.lockFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param offlineMode serve only from the cache; results say so through {@link Origin#OFFLINE_CACHE}
         * @return this builder
         */
        public Builder offline(boolean offlineMode) {
            this.offline = offlineMode;
            return this;
        }

        /**
         * @param time the clock for page ages and pin timestamps
         * @return this builder
         */
        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * @param maxAge how long a page is used without asking the server (zero: revalidate every time)
         * @return this builder
         */
        public Builder pageMaxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("page max age must not be negative");
            }
            this.pageMaxAge = maxAge;
            return this;
        }

        /**
         * @param table board metadata to use instead of the bundled table
         * @return this builder
         */
        public Builder boardMetadata(EspBoardMetadata table) {
            this.metadata = Objects.requireNonNull(table, "table");
            return this;
        }

        /** @return the catalog */
        public FirmwareCatalog build() {
            if (metadata == null) {
                metadata = EspBoardMetadata.bundled();
            }
            return new FirmwareCatalog(this);
        }
    }
}
