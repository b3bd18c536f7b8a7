package org.mpysdk.firmware;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.mpysdk.core.BoardException;

/**
 * One board of the catalog, narrowed to a variant and a file type (default build, {@code .bin}).
 * An immutable handle: {@link #variant(String)} and {@link #fileType(FileType)} return new handles.
 *
 * <pre>{@code
 * CatalogBoard s3 = catalog.board("ESP32_GENERIC_S3").variant("SPIRAM_OCT");
 * s3.releases();                      // newest first
 * s3.release("v1.26.1").download();
 * s3.latestPreview().download();      // re-resolved if the preview vanished meanwhile
 * }</pre>
 */
public final class CatalogBoard {
    private final FirmwareCatalog catalog;
    private final String id;
    private final String variant;
    private final FileType type;

    CatalogBoard(FirmwareCatalog catalog, String id, String variant, FileType type) {
        this.catalog = catalog;
        this.id = id;
        this.variant = variant;
        this.type = type;
    }

    /** @return the board id */
    public String id() {
        return id;
    }

    /** @return the selected variant, "" for the default build */
    public String selectedVariant() {
        return variant;
    }

    /** @return the selected file type */
    public FileType selectedType() {
        return type;
    }

    /**
     * @param name a variant such as {@code SPIRAM}, or "" or null for the default build
     * @return this board narrowed to that variant
     */
    public CatalogBoard variant(String name) {
        return new CatalogBoard(catalog, id, name == null ? "" : name, type);
    }

    /**
     * @param fileType the kind of file wanted, e.g. {@link FileType#BIN} for flashing over serial
     * @return this board narrowed to a file type
     */
    public CatalogBoard fileType(FileType fileType) {
        return new CatalogBoard(catalog, id, variant, fileType);
    }

    /**
     * @return the board's details: vendor, product, MCU, variants, every listed file
     * @throws FirmwareNotFoundException when the site has no such board
     * @throws CatalogFormatException when its page does not parse
     */
    public BoardDetails details() throws BoardException {
        return catalog.details(id, false);
    }

    /**
     * @return the releases of the selected variant and type, newest first (by version, not page order)
     * @throws FirmwareNotFoundException when the site has no such board
     * @throws BoardException when the board page cannot be fetched or parsed
     */
    public List<FirmwareFile> releases() throws BoardException {
        return select(details(), false);
    }

    /**
     * @return the preview builds of the selected variant and type, newest first
     * @throws FirmwareNotFoundException when the site has no such board
     * @throws BoardException when the board page cannot be fetched or parsed
     */
    public List<FirmwareFile> previews() throws BoardException {
        return select(details(), true);
    }

    /**
     * @return the newest release
     * @throws FirmwareNotFoundException when the variant or type has no release (the message lists what exists)
     */
    public FirmwareChoice latestRelease() throws BoardException {
        BoardDetails d = details();
        return new FirmwareChoice(this, FirmwareChoice.Kind.LATEST_RELEASE, first(d, false), d);
    }

    /**
     * @param version for example {@code v1.26.1}, {@code 1.26.1} or {@code v1.18}
     * @return that release
     * @throws FirmwareNotFoundException when it is not listed (the message lists the versions that are)
     * @throws CatalogFormatException when {@code version} is not a version
     */
    public FirmwareChoice release(String version) throws BoardException {
        FirmwareVersion wanted = FirmwareVersion.parse(version);
        BoardDetails d = details();
        List<FirmwareFile> all = select(d, wanted.isPreview());
        FirmwareFile file = all.stream().filter(f -> f.version().equals(wanted)).findFirst()
                .orElseThrow(() -> new FirmwareNotFoundException(describe() + " has no " + wanted + "; listed: "
                        + all.stream().map(f -> f.version().toString()).collect(Collectors.joining(", "))));
        return new FirmwareChoice(this, FirmwareChoice.Kind.EXACT, file, d);
    }

    /**
     * @return the newest preview build; downloading it re-resolves when the site dropped it meanwhile
     * @throws FirmwareNotFoundException when the variant has no preview build
     */
    public FirmwareChoice latestPreview() throws BoardException {
        BoardDetails d = details();
        return new FirmwareChoice(this, FirmwareChoice.Kind.LATEST_PREVIEW, first(d, true), d);
    }

    FirmwareCatalog catalog() {
        return catalog;
    }

    /** Picks the newest file of the wanted kind from fresh details (used when a preview vanished). */
    FirmwareFile newest(BoardDetails d, boolean preview) throws FirmwareNotFoundException {
        return first(d, preview);
    }

    private FirmwareFile first(BoardDetails d, boolean preview) throws FirmwareNotFoundException {
        List<FirmwareFile> files = select(d, preview);
        if (files.isEmpty()) {
            throw new FirmwareNotFoundException(describe() + " has no " + (preview ? "preview build" : "release") + "; "
                    + available(d));
        }
        return files.get(0);
    }

    private List<FirmwareFile> select(BoardDetails d, boolean preview) throws FirmwareNotFoundException {
        if (!d.variants().contains(variant)) {
            throw new FirmwareNotFoundException(describe() + " is not on the board page; " + available(d));
        }
        return d.files().stream()
                .filter(f -> f.variant().equals(variant) && f.type() == type && f.isPreview() == preview)
                .sorted(Comparator.comparing(FirmwareFile::version).reversed())
                .collect(Collectors.toList());
    }

    private String available(BoardDetails d) {
        String variants = d.variants().stream().map(v -> v.isEmpty() ? "(default)" : v).collect(Collectors.joining(", "));
        String types = d.files().stream().filter(f -> f.variant().equals(variant)).map(f -> "." + f.type().extension())
                .distinct().collect(Collectors.joining(", "));
        String retired = catalog.metadata(id).filter(m -> m.retiredVariants().contains(variant))
                .map(m -> " " + variant + " is a retired variant; only older releases had it.").orElse("");
        return "variants listed: " + variants + (types.isEmpty() ? "" : "; file types for this variant: " + types) + "." + retired;
    }

    private String describe() {
        return "board " + id + (variant.isEmpty() ? "" : " variant " + variant) + " (." + type.extension() + ")";
    }

    @Override
    public String toString() {
        return "CatalogBoard[" + describe() + "]";
    }
}
