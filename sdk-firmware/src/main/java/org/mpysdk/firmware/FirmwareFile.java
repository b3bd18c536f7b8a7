package org.mpysdk.firmware;

import java.net.URI;

/**
 * One downloadable file listed on a board page.
 *
 * @param name the parsed file name (board, variant, date, version, type)
 * @param url where to download it
 * @param section the heading of the page section listing it, for example
 *        {@code Firmware (Support for SPIRAM / WROVER)}, or "" when the page has none
 * @param markedLatest whether the page marks this release "(latest)"; selection does not rely on it
 */
public record FirmwareFile(FirmwareFileName name, URI url, String section, boolean markedLatest) {

    /** @return the firmware version */
    public FirmwareVersion version() {
        return name.version();
    }

    /** @return the variant, or "" for the default build */
    public String variant() {
        return name.variant();
    }

    /** @return whether this is a preview build */
    public boolean isPreview() {
        return name.isPreview();
    }

    /** @return the file type */
    public FileType type() {
        return name.type();
    }
}
