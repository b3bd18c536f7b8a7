package org.mpysdk.firmware;

import java.util.List;
import java.util.Optional;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.EspImageHeader;

/**
 * The result of {@link ImageVerifier}: what the image is, where it goes and what was checked.
 *
 * @param chip the chip the image is built for (from the header's chip id; ESP8266 from its layout)
 * @param flashOffset where the file must be written
 * @param bootloader the bootloader image (parsed by core's one image parser), for a full ESP32-family {@code .bin}
 * @param partitionTable the partition table, for a full ESP32-family {@code .bin}
 * @param app the application image (the whole ROM image on ESP8266)
 * @param bannerVersions the {@code MicroPython vX.Y.Z} versions found inside
 * @param minimumFlashSize the flash size the image needs (partitions included)
 * @param warnings checks that could not be made or metadata that disagreed, for logs and UIs
 */
public record VerifiedImage(Chip chip, long flashOffset, Optional<EspImageHeader> bootloader,
                            Optional<PartitionTable> partitionTable, EspImageHeader app, List<FirmwareVersion> bannerVersions,
                            long minimumFlashSize, List<String> warnings) {
    /**
     * Copies the lists.
     *
     * @param chip the chip the image is built for (from the header's chip id; ESP8266 from its layout)
     * @param flashOffset where the file must be written
     * @param bootloader the bootloader image (parsed by core's one image parser), for a full ESP32-family {@code .bin}
     * @param partitionTable the partition table, for a full ESP32-family {@code .bin}
     * @param app the application image (the whole ROM image on ESP8266)
     * @param bannerVersions the {@code MicroPython vX.Y.Z} versions found inside, copied
     * @param minimumFlashSize the flash size the image needs (partitions included)
     * @param warnings checks that could not be made or metadata that disagreed, copied
     */
    public VerifiedImage {
        bannerVersions = List.copyOf(bannerVersions);
        warnings = List.copyOf(warnings);
    }
}
