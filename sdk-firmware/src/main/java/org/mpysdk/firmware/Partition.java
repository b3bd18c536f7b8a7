package org.mpysdk.firmware;

/**
 * One entry of an ESP32 partition table.
 *
 * @param label the name, for example {@code factory} or {@code vfs}
 * @param type 0 app, 1 data
 * @param subtype 0x00 factory, 0x10.. ota_N for apps; 0x01 phy, 0x02 nvs, 0x81 fat ... for data
 * @param offset flash address
 * @param size length in bytes
 * @param flags flag bits (1 = encrypted)
 */
public record Partition(String label, int type, int subtype, long offset, long size, long flags) {
    /** Partition type of applications. */
    public static final int TYPE_APP = 0;

    /** @return whether this is an application partition (factory or OTA slot) */
    public boolean isApp() {
        return type == TYPE_APP;
    }

    /** @return the first address after the partition */
    public long end() {
        return offset + size;
    }
}
