package org.mpysdk.firmware;

import java.util.List;
import java.util.OptionalLong;
import org.mpysdk.core.flash.Chip;

/**
 * What the catalog knows about a board: its page on micropython.org, completed with the board
 * metadata MicroPython publishes (bundled with this library) where the page is silent.
 *
 * @param id the board id
 * @param product the product name, for example {@code ESP32 / WROOM}, or "" when unknown
 * @param vendor the vendor, or "" when unknown
 * @param mcu the MCU name, for example {@code esp32s3}, or "" when unknown
 * @param variants the variants with files on the page ("" stands for the default build), in page order
 * @param metadataOffset the flash offset the board metadata or the page's install instructions give,
 *        if any (cross-checked against the image's chip id when downloading)
 * @param files every firmware file the page links to
 * @param origin where the page came from
 */
public record BoardDetails(String id, String product, String vendor, String mcu, List<String> variants,
                           OptionalLong metadataOffset, List<FirmwareFile> files, Origin origin) {

    /**
     * Copies the lists.
     *
     * @param id the board id
     * @param product the product name, for example {@code ESP32 / WROOM}, or "" when unknown
     * @param vendor the vendor, or "" when unknown
     * @param mcu the MCU name, for example {@code esp32s3}, or "" when unknown
     * @param variants the variants with files on the page, copied
     * @param metadataOffset the flash offset the board metadata or the page's install instructions give, if any
     * @param files every firmware file the page links to, copied
     * @param origin where the page came from
     */
    public BoardDetails {
        variants = List.copyOf(variants);
        files = List.copyOf(files);
    }

    /** @return the chip, when the MCU name is an Espressif one */
    public java.util.Optional<Chip> chip() {
        return Chip.fromName(mcu);
    }
}
