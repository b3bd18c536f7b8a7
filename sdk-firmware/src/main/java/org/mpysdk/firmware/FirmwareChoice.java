package org.mpysdk.firmware;

import org.mpysdk.core.BoardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A firmware file picked from a board: the latest release, a given version or the latest preview.
 *
 * <pre>{@code
 * FirmwareChoice choice = catalog.board("ESP8266_GENERIC").variant("FLASH_1M").latestRelease();
 * System.out.println(choice.file().url());
 * Firmware fw = choice.download(DownloadOptions.defaults().withProgress(p -> log(p)));
 * }</pre>
 */
public final class FirmwareChoice {
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareChoice.class);

    /** How the file was picked, which decides what happens when it has vanished. */
    enum Kind { LATEST_RELEASE, EXACT, LATEST_PREVIEW }

    private final CatalogBoard board;
    private final Kind kind;
    private final FirmwareFile file;
    private final BoardDetails details;

    FirmwareChoice(CatalogBoard board, Kind kind, FirmwareFile file, BoardDetails details) {
        this.board = board;
        this.kind = kind;
        this.file = file;
        this.details = details;
    }

    /** @return the chosen file (name, URL, section) */
    public FirmwareFile file() {
        return file;
    }

    /** @return the chosen version */
    public FirmwareVersion version() {
        return file.version();
    }

    /** @return the board's details the choice was made from */
    public BoardDetails board() {
        return details;
    }

    /**
     * Downloads with default options: see {@link #download(DownloadOptions)}.
     *
     * @return the downloaded (or cached), verified and pinned firmware
     * @throws BoardException as {@link #download(DownloadOptions)}
     */
    public Firmware download() throws BoardException {
        return download(DownloadOptions.defaults());
    }

    /**
     * Downloads the file into the cache (or serves it from there), verifies it and pins its hash.
     * A latest preview that the site dropped meanwhile (previews live a few days) is re-resolved from
     * the refreshed board page instead of failing.
     *
     * @param options progress, cancellation, expected SHA-256 and overall timeout
     * @return the downloaded (or cached), verified and pinned firmware
     * @throws FirmwareNotFoundException the file is gone (and, for a preview, no newer one is listed)
     * @throws FirmwareVerificationException the image failed a check (nothing is cached)
     * @throws FirmwareIntegrityException the hash differs from the expected or pinned one
     * @throws DownloadException network failure; data received so far is kept for the next attempt to resume
     * @throws NotCachedException offline mode and the file was never downloaded
     */
    public Firmware download(DownloadOptions options) throws BoardException {
        try {
            return board.catalog().download(file, details, options);
        } catch (NotCachedException e) {
            throw e;
        } catch (FirmwareNotFoundException e) {
            if (kind != Kind.LATEST_PREVIEW) {
                throw e;
            }
            BoardDetails fresh = board.catalog().details(board.id(), true);
            FirmwareFile replacement = board.newest(fresh, true);
            if (replacement.name().equals(file.name())) {
                throw new FirmwareNotFoundException(e.getMessage() + "; the board page still lists it, try again later");
            }
            LOG.info("preview {} is gone from the site; using the newest listed preview {}", file.name(), replacement.name());
            return board.catalog().download(replacement, fresh, options);
        }
    }

    @Override
    public String toString() {
        return "FirmwareChoice[" + kind + " " + file.name() + "]";
    }
}
