package org.mpysdk.core.flash;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@link Bootloader#flash}: how much went over the wire, how long it took, and whether
 * every region was verified.
 *
 * <pre>{@code
 * FlashResult r = bootloader.flash(image);
 * System.out.printf("%d bytes (%d compressed) in %.1f s, %.0f kbit/s effective%n",
 *         r.bytes(), r.compressedBytes(), r.seconds(), r.effectiveKbitPerSecond());
 * }</pre>
 *
 * @param regions one report per region, in offset order
 * @param elapsed wall time of the whole operation, verification included
 */
public record FlashResult(List<RegionReport> regions, Duration elapsed) {
    /**
     * @param regions one report per region, copied
     * @param elapsed wall time of the whole operation
     */
    public FlashResult {
        regions = List.copyOf(regions);
    }

    /** @return uncompressed bytes over all regions, skipped ones included */
    public long bytes() {
        return regions.stream().mapToLong(RegionReport::bytes).sum();
    }

    /** @return bytes of payload sent (compressed where compression was used; skipped regions count 0) */
    public long compressedBytes() {
        return regions.stream().mapToLong(RegionReport::wireBytes).sum();
    }

    /** @return the whole operation's duration in seconds */
    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** @return time spent writing (without verification and skip checks), in seconds */
    public double writeSeconds() {
        return regions.stream().mapToLong(r -> r.elapsed().toNanos()).sum() / 1e9;
    }

    /** @return uncompressed kbit per second over the whole operation, as esptool reports "effective" speed */
    public double effectiveKbitPerSecond() {
        double s = seconds();
        return s > 0 ? bytes() * 8 / s / 1000 : 0;
    }

    /** @return whether every region was verified by MD5 (written or skipped) */
    public boolean verified() {
        return !regions.isEmpty() && regions.stream().allMatch(RegionReport::verified);
    }

    /** @return the regions that were already in flash and not written */
    public List<RegionReport> skippedRegions() {
        return regions.stream().filter(RegionReport::skipped).toList();
    }

    @Override
    public String toString() {
        return String.format("FlashResult[%d bytes, %d compressed, %.2f s, %.1f kbit/s effective, %s, %d skipped]",
                bytes(), compressedBytes(), seconds(), effectiveKbitPerSecond(), verified() ? "verified" : "NOT verified",
                skippedRegions().size());
    }
}
