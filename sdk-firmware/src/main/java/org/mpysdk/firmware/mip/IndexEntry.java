package org.mpysdk.firmware.mip;

import java.util.List;
import java.util.Map;

/**
 * One package as {@code index.json} lists it.
 *
 * @param name the package name
 * @param version its newest version ("" when the index gives none)
 * @param versions per variant ({@code "py"}, {@code "6"}, ...) the versions published, oldest first;
 *     empty when the index does not say
 */
record IndexEntry(String name, String version, Map<String, List<String>> versions) {
    IndexEntry {
        versions = Map.copyOf(versions);
    }

    /** @return whether the index lists any version for this variant (true when it lists no variants at all) */
    boolean offers(String variant) {
        return versions.isEmpty() || versions.containsKey(variant);
    }

    /** @return whether the variant has this version, or the index does not say which versions exist */
    boolean offers(String variant, String version) {
        if (version.equals("latest") || versions.isEmpty()) {
            return offers(variant);
        }
        return versions.getOrDefault(variant, List.of()).contains(version);
    }

    /** @return the versions of a variant, or of all variants together when it is absent */
    List<String> known(String variant) {
        List<String> v = versions.get(variant);
        if (v != null) {
            return v;
        }
        return versions.values().stream().flatMap(List::stream).distinct().toList();
    }
}
