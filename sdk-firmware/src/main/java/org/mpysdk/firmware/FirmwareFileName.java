package org.mpysdk.firmware;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A micropython.org firmware file name, parsed with the one grammar
 * {@code BOARD[-VARIANT]-YYYYMMDD-vX.Y[.Z][-preview.N.gHASH].EXT}.
 *
 * <pre>{@code
 * FirmwareFileName n = FirmwareFileName.parse("ESP32_GENERIC-SPIRAM-20251209-v1.27.0.bin");
 * n.board();   // ESP32_GENERIC
 * n.variant(); // SPIRAM
 * n.version(); // v1.27.0
 * }</pre>
 *
 * <p>The date is the build date, not the release tag's date, so a file name cannot be built from a
 * board and a version: read it from the board page.
 *
 * @param fileName the file name as published (a two-part version keeps its two parts here)
 * @param board the board id, for example {@code ESP32_GENERIC_S3}
 * @param variant the variant, for example {@code SPIRAM_OCT}, or "" for the board's default build
 * @param buildDate the build date in the name
 * @param version the MicroPython version
 * @param type the file type from the extension
 */
public record FirmwareFileName(String fileName, String board, String variant, LocalDate buildDate,
                               FirmwareVersion version, FileType type) {

    // Board ids never contain '-', so the first '-' ends the board; the variant runs up to the
    // '-YYYYMMDD-v' that starts the build part. Bounded quantifiers keep garbage input cheap.
    private static final Pattern GRAMMAR = Pattern.compile(
            "([A-Za-z0-9_]{1,80})(?:-([A-Za-z0-9_][A-Za-z0-9_-]{0,79}?))?-(\\d{8})"
            + "-v(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:-preview\\.(\\d{1,9})\\.g([0-9a-f]{1,40}))?"
            + "\\.([a-z0-9-]{1,10})");
    private static final int MAX_NAME = 300;

    /**
     * Checks that the parts are present.
     *
     * @param fileName the file name as published
     * @param board the board id
     * @param variant the variant; null means the default build ("")
     * @param buildDate the build date in the name
     * @param version the MicroPython version
     * @param type the file type
     * @throws NullPointerException when a part other than {@code variant} is null
     */
    public FirmwareFileName {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(board, "board");
        variant = variant == null ? "" : variant;
        Objects.requireNonNull(buildDate, "buildDate");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Parses a bare file name (no directories).
     *
     * @param name a file name such as {@code ESP32_GENERIC_S3-SPIRAM_OCT-20251209-v1.27.0.bin}
     * @return its parts
     * @throws CatalogFormatException when the name does not follow the grammar, has an impossible date
     *         or an unknown extension
     */
    public static FirmwareFileName parse(String name) throws CatalogFormatException {
        if (name == null || name.length() > MAX_NAME) {
            throw new CatalogFormatException("not a MicroPython firmware file name: "
                    + (name == null ? "null" : "a " + name.length() + "-character string"));
        }
        Matcher m = GRAMMAR.matcher(name);
        if (!m.matches()) {
            throw new CatalogFormatException("'" + name + "' is not a MicroPython firmware file name; expected "
                    + "BOARD[-VARIANT]-YYYYMMDD-vX.Y.Z[-preview.N.gHASH].EXT, e.g. ESP32_GENERIC-20251209-v1.27.0.bin");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(3), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeException e) {
            throw new CatalogFormatException("'" + name + "' has an impossible build date " + m.group(3), e);
        }
        FileType type = FileType.fromExtension(m.group(9)).orElseThrow(() -> new CatalogFormatException(
                "'" + name + "' has an unknown extension '." + m.group(9) + "'; known: bin, app-bin, elf, map, uf2, hex, dfu, zip"));
        FirmwareVersion version = FirmwareVersion.fromMatch(m, 4);
        return new FirmwareFileName(name, m.group(1), m.group(2), date, version, type);
    }

    /**
     * Parses the last path segment of a URL such as
     * {@code https://micropython.org/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin}.
     *
     * @param url a download URL; query and fragment are ignored
     * @return the parts of its file name
     * @throws CatalogFormatException when the last segment is not a firmware file name
     */
    public static FirmwareFileName fromUrl(String url) throws CatalogFormatException {
        String path = url;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        return parse(path.substring(path.lastIndexOf('/') + 1));
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /**
     * Formats a name from its parts (the inverse of {@link #parse(String)} for three-part versions).
     *
     * @param board the board id
     * @param variant the variant, or null or "" for the default build
     * @param buildDate the build date as the board page lists it
     * @param version the MicroPython version
     * @param type the file type, giving the extension
     * @return the file name, for example {@code ESP32_GENERIC-SPIRAM-20251209-v1.27.0.bin}
     */
    public static String format(String board, String variant, LocalDate buildDate, FirmwareVersion version, FileType type) {
        return board + (variant == null || variant.isEmpty() ? "" : "-" + variant) + "-"
                + buildDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + version + "." + type.extension();
    }

    /** @return whether the file is a preview (nightly) build */
    public boolean isPreview() {
        return version.isPreview();
    }

    /** @return whether this is the board's default build (no variant) */
    public boolean isDefaultVariant() {
        return variant.isEmpty();
    }

    /** @return the published file name */
    @Override
    public String toString() {
        return fileName;
    }
}
