package org.mpysdk.firmware;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a board page says, before it is merged with the bundled metadata.
 *
 * @param product the product name (page heading), or ""
 * @param vendor the vendor ("Vendor:" line), or ""
 * @param mcu the MCU ("MCU:" line, else {@code --chip} of the install instructions), or ""
 * @param deployOffset the offset of the install instructions' {@code write_flash} command, if any
 * @param files the firmware files the page links to
 */
record BoardPage(String product, String vendor, String mcu, OptionalLong deployOffset, List<FirmwareFile> files) {
    /**
     * Copies the list.
     *
     * @param product the product name (page heading), or ""
     * @param vendor the vendor ("Vendor:" line), or ""
     * @param mcu the MCU ("MCU:" line, else {@code --chip} of the install instructions), or ""
     * @param deployOffset the offset of the install instructions' {@code write_flash} command, if any
     * @param files the firmware files the page links to, copied
     */
    public BoardPage {
        files = List.copyOf(files);
    }
}
