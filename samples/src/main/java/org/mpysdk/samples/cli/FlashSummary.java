package org.mpysdk.samples.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpysdk.core.flash.FlashResult;

/**
 * Prints what {@code mpy flash} did: one JSON array for {@code --json}, else a row per board, where
 * written boards go to stdout and what went wrong to stderr. A write that nothing checked says
 * "NOT verified" in its own words, whether it was asked for ({@code --no-verify}) or not.
 */
final class FlashSummary {
    private FlashSummary() {
    }

    static void print(List<FlashOutcome> outcomes, boolean json) throws IOException {
        if (json) {
            Output.json(rows(outcomes));
            return;
        }
        for (FlashOutcome o : outcomes) {
            if (o.result() != null) {
                System.out.printf("%-24s %-10s %s%n    %s%n", o.port(), o.chip(), o.image(), describe(o.result()));
                if (!o.result().verified() && o.error() == null) {
                    System.out.println("    NOT verified: nothing compared the flash with the image");
                }
            }
            if (o.error() != null) {
                System.err.printf("%-24s %-10s %s: %s%n", o.port(), o.chip(),
                        o.exitCode() == Mpy.EXIT_NOT_VERIFIED ? "NOT VERIFIED" : "FAILED", o.error());
            }
        }
    }

    /** The result in words, not the record's toString, e.g. {@code wrote 64,560 bytes (2,466 compressed) in 0.09 s ...}. */
    static String describe(FlashResult r) {
        int skipped = r.skippedRegions().size();
        return String.format("wrote %,d bytes (%,d compressed) in %.2f s (%.1f kbit/s effective), %s, %s", r.bytes(),
                r.compressedBytes(), r.seconds(), r.effectiveKbitPerSecond(), r.verified() ? "verified" : "NOT verified",
                skipped == 0 ? "no region skipped" : skipped + " unchanged region(s) skipped");
    }

    private static List<Map<String, Object>> rows(List<FlashOutcome> outcomes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FlashOutcome o : outcomes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", o.port());
            m.put("chip", o.chip());
            m.put("image", o.image());
            FlashResult r = o.result();
            if (r != null) {
                m.put("bytes", r.bytes());
                m.put("compressedBytes", r.compressedBytes());
                m.put("seconds", r.seconds());
                m.put("kbitPerSecond", r.effectiveKbitPerSecond());
                m.put("verified", r.verified());
                m.put("skippedRegions", r.skippedRegions().size());
            }
            m.put("exitCode", o.exitCode());
            m.put("error", o.error());
            rows.add(m);
        }
        return rows;
    }
}
