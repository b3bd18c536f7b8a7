package org.mpysdk.firmware;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MicroPython version as it appears in file names and banners: {@code v1.27.0}, {@code v1.18}
 * (two parts, read as {@code 1.18.0}) or a preview {@code v1.23.0-preview.236.gcd8eea2ae}.
 *
 * <p>Ordering follows semantic versioning: a preview sorts before the release it leads to, previews
 * of one version sort by their number.
 *
 * <pre>{@code
 * FirmwareVersion.parse("v1.23.0-preview.236.gcd8eea2ae").compareTo(FirmwareVersion.parse("v1.23.0")) < 0
 * }</pre>
 *
 * @param major major number
 * @param minor minor number
 * @param patch patch number (0 for two-part versions)
 * @param preview preview build number, or -1 for a release
 * @param commit abbreviated git hash of a preview (without the {@code g}), or "" for a release
 */
public record FirmwareVersion(int major, int minor, int patch, int preview, String commit)
        implements Comparable<FirmwareVersion> {

    private static final Pattern VERSION = Pattern.compile(
            "v?(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:-preview\\.(\\d{1,9})\\.g([0-9a-f]{1,40}))?");

    private static final Comparator<FirmwareVersion> ORDER = Comparator
            .comparingInt(FirmwareVersion::major)
            .thenComparingInt(FirmwareVersion::minor)
            .thenComparingInt(FirmwareVersion::patch)
            // a release (preview -1) is newer than every preview of the same version
            .thenComparingLong(v -> v.isPreview() ? v.preview() : Long.MAX_VALUE)
            .thenComparing(FirmwareVersion::commit);

    /**
     * Validates the parts.
     *
     * @param major major number
     * @param minor minor number
     * @param patch patch number
     * @param preview preview build number, or -1 for a release
     * @param commit abbreviated git hash of a preview; null or "" for a release
     * @throws IllegalArgumentException when a number is negative, or preview and commit disagree
     */
    public FirmwareVersion {
        if (major < 0 || minor < 0 || patch < 0 || preview < -1) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        commit = commit == null ? "" : commit;
        if (preview >= 0 && commit.isEmpty()) {
            throw new IllegalArgumentException("a preview version needs its commit hash");
        }
        if (preview < 0 && !commit.isEmpty()) {
            throw new IllegalArgumentException("a release version has no commit hash");
        }
    }

    /**
     * @param major major number
     * @param minor minor number
     * @param patch patch number
     * @return a release version {@code major.minor.patch}
     * @throws IllegalArgumentException when a number is negative
     */
    public static FirmwareVersion release(int major, int minor, int patch) {
        return new FirmwareVersion(major, minor, patch, -1, "");
    }

    /**
     * Parses {@code v1.27.0}, {@code 1.27.0}, {@code v1.18} or {@code v1.23.0-preview.236.gcd8eea2ae}.
     *
     * @param text the version text; surrounding white space is ignored
     * @return the version
     * @throws CatalogFormatException when the text is not a version
     */
    public static FirmwareVersion parse(String text) throws CatalogFormatException {
        Matcher m = text == null ? null : VERSION.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new CatalogFormatException("'" + text + "' is not a MicroPython version; expected for example v1.27.0 "
                    + "or v1.23.0-preview.236.gcd8eea2ae");
        }
        return fromMatch(m, 1);
    }

    /** Builds a version from five consecutive groups (major, minor, patch?, preview?, commit?) of a match. */
    static FirmwareVersion fromMatch(Matcher m, int firstGroup) {
        int major = Integer.parseInt(m.group(firstGroup));
        int minor = Integer.parseInt(m.group(firstGroup + 1));
        String patch = m.group(firstGroup + 2);
        String preview = m.group(firstGroup + 3);
        return new FirmwareVersion(major, minor, patch == null ? 0 : Integer.parseInt(patch),
                preview == null ? -1 : Integer.parseInt(preview), preview == null ? "" : m.group(firstGroup + 4));
    }

    /** @return whether this is a preview (nightly) build */
    public boolean isPreview() {
        return preview >= 0;
    }

    /** @return the release this version is or leads to, for example {@code v1.23.0} for a 1.23.0 preview */
    public FirmwareVersion base() {
        return release(major, minor, patch);
    }

    @Override
    public int compareTo(FirmwareVersion other) {
        return ORDER.compare(this, other);
    }

    /**
     * @param other the version to compare with, e.g. what a board runs
     * @return whether this version is newer than {@code other}
     */
    public boolean isNewerThan(FirmwareVersion other) {
        return compareTo(other) > 0;
    }

    /** @return the canonical text, for example {@code v1.27.0} or {@code v1.23.0-preview.236.gcd8eea2ae} */
    @Override
    public String toString() {
        String base = "v" + major + "." + minor + "." + patch;
        return isPreview() ? base + "-preview." + preview + ".g" + commit : base;
    }
}
