package org.mpysdk.firmware.mip;

/**
 * A package or file is given in a form the installer does not fetch: only plain {@code http://} and
 * {@code https://} URLs and index names are supported, not {@code github:}, {@code gitlab:},
 * {@code codeberg:} shorthands or local paths. The message says which URL to give instead.
 */
public class UnsupportedPackageSourceException extends PackageException {
    /** @param message what was given and what to give instead */
    public UnsupportedPackageSourceException(String message) {
        super(message);
    }
}
