package org.mpysdk.core.flash;

import java.util.List;
import org.mpysdk.core.internal.Md5;

/**
 * The MD5 the chip computed over a written region differs from the image's, even after one rewrite.
 * It names the region and both digests; like every {@link PartialFlashException} it lists the regions
 * completed before it.
 */
public class FlashVerificationException extends PartialFlashException {
    /** Hex MD5 of the image bytes. */
    private final String expectedMd5;
    /** Hex MD5 the chip reported. */
    private final String actualMd5;

    /**
     * @param offset the region's offset
     * @param length the region's length
     * @param expectedMd5 hex MD5 of the image bytes
     * @param actualMd5 hex MD5 the chip reported
     * @param completed regions completed before this one
     */
    public FlashVerificationException(long offset, long length, String expectedMd5, String actualMd5,
            List<RegionReport> completed) {
        super(String.format("verification of region 0x%X (%d bytes) failed twice: flash MD5 %s, image MD5 %s%s", offset,
                length, actualMd5, expectedMd5, Md5.isErased(actualMd5, length)
                        ? " (the region reads as erased: the write did not reach the flash; check power and flash mode)"
                        : " (check the cable and power, try a lower baud rate or flash mode DOUT)"),
                completed, offset, length, null);
        this.expectedMd5 = expectedMd5;
        this.actualMd5 = actualMd5;
    }

    /** @return hex MD5 of the image bytes */
    public String expectedMd5() {
        return expectedMd5;
    }

    /** @return hex MD5 the chip reported */
    public String actualMd5() {
        return actualMd5;
    }
}
