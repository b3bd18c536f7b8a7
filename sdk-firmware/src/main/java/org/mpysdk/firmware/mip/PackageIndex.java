package org.mpysdk.firmware.mip;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The packages an index's {@code index.json} lists.
 *
 * @param packages every entry, in the index's order
 */
record PackageIndex(List<IndexEntry> packages) {
    PackageIndex {
        packages = List.copyOf(packages);
    }

    Optional<IndexEntry> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** @return up to five names that look like {@code name}, for a "did you mean" hint */
    List<String> similar(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return packages.stream().map(IndexEntry::name)
                .filter(p -> {
                    String q = p.toLowerCase(Locale.ROOT);
                    return q.contains(n) || n.contains(q) || editDistance(q, n) <= 2;
                })
                .limit(5).toList();
    }

    private static int editDistance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3; // too far apart to matter; saves the table for long names
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
