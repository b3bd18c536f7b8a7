package org.mpysdk.firmware.mip;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One package to install: a name in the index ({@code "logging"}) or an {@code http(s)} URL of a
 * package description or of a single {@code .py}/{@code .mpy} file, and a version.
 *
 * @param name the package name or URL, not blank
 * @param version the version wanted, or {@code ""} for the newest ({@code latest} in the index)
 */
public record PackageRequest(String name, String version) {
    /** Versions go into URLs: nothing that could change the path. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    /**
     * Trims and checks the fields.
     *
     * @param name the package name or URL, not blank
     * @param version the version wanted, or {@code ""} (or null) for the newest
     * @throws IllegalArgumentException when {@code name} is blank or {@code version} is not a version
     *     (letters, digits, {@code . _ + -})
     */
    public PackageRequest {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        version = version == null ? "" : version.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a package name is needed, e.g. 'logging' or 'logging@0.6.2'");
        }
        if (!version.isEmpty() && !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a package version (letters, digits, '.', '_', '+', '-'), "
                    + "e.g. logging@0.6.2");
        }
    }

    /**
     * Reads mpremote's form {@code NAME[@VERSION]}.
     *
     * @param spec e.g. {@code "logging"} or {@code "logging@0.6.2"}
     * @return the request
     * @throws IllegalArgumentException when the name is blank
     */
    public static PackageRequest parse(String spec) {
        // The last '@' separates the version, so a URL with '@' in its path keeps it (mpremote splits
        // on every '@' and fails there instead).
        int at = spec.lastIndexOf('@');
        if (at < 0 || PackageSources.isUrl(spec) && spec.indexOf('/', at) >= 0) {
            return new PackageRequest(spec, "");
        }
        return new PackageRequest(spec.substring(0, at), spec.substring(at + 1));
    }

    /** @return the version asked for, or {@code "latest"} when none was */
    public String versionOrLatest() {
        return version.isEmpty() ? "latest" : version;
    }

    @Override
    public String toString() {
        return version.isEmpty() ? name : name + "@" + version;
    }
}
