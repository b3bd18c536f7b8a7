package org.mpysdk.firmware;

import java.net.URI;

/**
 * One board card of the download index.
 *
 * @param id the board id, for example {@code ESP32_GENERIC_S3}
 * @param product the product name on the card, for example {@code ESP32-S3}
 * @param vendor the vendor on the card, for example {@code Espressif}
 * @param page the board's download page
 */
public record BoardSummary(String id, String product, String vendor, URI page) {
}
