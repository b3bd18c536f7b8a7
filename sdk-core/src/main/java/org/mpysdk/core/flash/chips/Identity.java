package org.mpysdk.core.flash.chips;

/**
 * The exact part and revision read from eFuses.
 *
 * @param description the part as esptool names it, for example {@code ESP32-D0WD-V3} (without the revision
 *     esptool appends)
 * @param revision the silicon revision
 */
public record Identity(String description, ChipRevision revision) {
}
