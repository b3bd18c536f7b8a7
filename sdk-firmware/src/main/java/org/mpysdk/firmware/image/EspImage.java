package org.mpysdk.firmware.image;

import java.util.List;

/**
 * A parsed and checked ESP image (bootloader or application): header fields, segments, checksum
 * and, when flagged, the appended SHA-256, all verified by {@link EspImageParser}.
 *
 * @param start offset of the image in the buffer it was parsed from
 * @param end offset just after the image (after the checksum, and after the digest when appended)
 * @param flashMode header byte 2 (0 QIO, 1 QOUT, 2 DIO, 3 DOUT)
 * @param flashSizeCode high nibble of header byte 3
 * @param flashFreqCode low nibble of header byte 3
 * @param entryPoint entry address
 * @param chipId extended-header chip id, or -1 for an ESP8266 image (no extended header)
 * @param minChipRevisionFull minimum chip revision (major * 100 + minor), or -1 without extended header
 * @param maxChipRevisionFull maximum chip revision, or -1 without extended header
 * @param hashAppended whether a SHA-256 follows the checksum (and matched)
 * @param segments the segments in file order
 * @param checksum the checksum byte (matches the segment data)
 */
public record EspImage(int start, int end, int flashMode, int flashSizeCode, int flashFreqCode, long entryPoint,
                       int chipId, int minChipRevisionFull, int maxChipRevisionFull, boolean hashAppended,
                       List<EspSegment> segments, int checksum) {

    /** Copies the segment list. */
    public EspImage {
        segments = List.copyOf(segments);
    }

    /** @return the image length in bytes */
    public int length() {
        return end - start;
    }

    /** @return whether the image has the ESP32-family extended header */
    public boolean hasExtendedHeader() {
        return chipId >= 0;
    }

    /**
     * @param esp8266 whether to decode with the ESP8266 table
     * @return the flash size the header declares in bytes, or -1 for a code the table does not know
     */
    public long declaredFlashSize(boolean esp8266) {
        if (esp8266) {
            // esptool's ESP8266 table: 512K, 256K, 1M, 2M, 4M, 2M-c1, 4M-c1, -, 8M, 16M
            long[] sizes = {512 << 10, 256 << 10, 1 << 20, 2 << 20, 4 << 20, 2 << 20, 4 << 20, -1, 8 << 20, 16 << 20};
            return flashSizeCode < sizes.length ? sizes[flashSizeCode] : -1;
        }
        return flashSizeCode <= 7 ? (1L << 20) << flashSizeCode : -1; // 1MB .. 128MB
    }
}
