package org.mpysdk.core.flash;

import java.util.List;

/**
 * A flash operation failed after it had started changing the flash. The exception says which regions
 * were written and verified before the failure, and which region failed; the board's flash is in a
 * mixed state and must be flashed again before it boots reliably.
 */
public class PartialFlashException extends FlashException {
    /** Regions written (and verified where verification was on) before the failure. */
    private final List<RegionReport> completed;
    /** Offset of the region that failed. */
    private final long failedOffset;
    /** Length of the region that failed. */
    private final long failedLength;

    /**
     * @param what what failed, for the message
     * @param completed regions written (and verified where verification was on) before the failure
     * @param failedOffset offset of the region that failed
     * @param failedLength length of the region that failed
     * @param cause the underlying failure, or null
     */
    public PartialFlashException(String what, List<RegionReport> completed, long failedOffset, long failedLength,
            Throwable cause) {
        super(what + describe(completed, failedOffset, failedLength), cause);
        this.completed = List.copyOf(completed);
        this.failedOffset = failedOffset;
        this.failedLength = failedLength;
    }

    private static String describe(List<RegionReport> completed, long failedOffset, long failedLength) {
        StringBuilder sb = new StringBuilder(String.format("; region 0x%X (%d bytes) failed", failedOffset, failedLength));
        if (completed.isEmpty()) {
            sb.append(" and no region was completed before it;");
        } else {
            sb.append("; completed before it:");
            for (RegionReport r : completed) {
                sb.append(' ').append(r.summary()).append(';');
            }
        }
        return sb.append(" the flash is partly written: flash the image again").toString();
    }

    /** @return regions fully written (and verified when verification was on) before the failure */
    public List<RegionReport> completed() {
        return completed;
    }

    /** @return offset of the region that failed */
    public long failedOffset() {
        return failedOffset;
    }

    /** @return length of the region that failed */
    public long failedLength() {
        return failedLength;
    }
}
