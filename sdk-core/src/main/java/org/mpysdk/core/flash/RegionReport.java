package org.mpysdk.core.flash;

import java.time.Duration;

/**
 * What happened to one region of a flash operation.
 *
 * @param offset where the region starts (after any alignment the ROM needed)
 * @param bytes uncompressed bytes in the region
 * @param wireBytes bytes of payload sent for it (the compressed size when compressed; 0 when skipped)
 * @param elapsed time spent writing it (excluding verification)
 * @param skipped whether the flash already held these bytes (MD5 matched) so nothing was written
 * @param verified whether the chip's MD5 of the region matched after writing (or before, when skipped)
 * @param rewrites how many times the region was written again after a failed verification or block
 */
public record RegionReport(long offset, long bytes, long wireBytes, Duration elapsed, boolean skipped, boolean verified,
        int rewrites) {

    /** @return one line as esptool prints it: {@code Wrote N bytes (M compressed) at 0x1000 in 1.2 s (X kbit/s), verified} */
    public String summary() {
        if (skipped) {
            return String.format("0x%X: %d bytes already in flash, skipped", offset, bytes);
        }
        double s = elapsed.toNanos() / 1e9;
        return String.format("wrote %d bytes (%d on the wire) at 0x%X in %.2f s (%.1f kbit/s)%s%s", bytes, wireBytes,
                offset, s, s > 0 ? bytes * 8 / s / 1000 : 0.0, verified ? ", verified" : ", not verified",
                rewrites > 0 ? ", rewritten " + rewrites + "x" : "");
    }
}
