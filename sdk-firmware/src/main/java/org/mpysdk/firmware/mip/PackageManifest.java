package org.mpysdk.firmware.mip;

import java.util.List;

/**
 * One package version's description, {@code package/{variant}/{name}/{version}.json} (or a
 * {@code package.json} at a URL).
 *
 * @param version the version it names, or "" when it names none
 * @param hashes files served by the index, by hash
 * @param urls files fetched from their own URL (no hash to check them against, as in mpremote)
 * @param deps the packages it needs
 */
record PackageManifest(String version, List<HashedFile> hashes, List<LinkedFile> urls, List<PackageRequest> deps) {
    PackageManifest {
        hashes = List.copyOf(hashes);
        urls = List.copyOf(urls);
        deps = List.copyOf(deps);
    }

    /**
     * A file the index serves at {@code file/{hash[:2]}/{hash}}.
     *
     * @param path where it goes, relative to the install target, e.g. {@code "collections/defaultdict.py"}
     * @param shortHash the first hex digits of its SHA-256, lower case
     */
    record HashedFile(String path, String shortHash) {
    }

    /**
     * A file fetched from its own URL.
     *
     * @param path where it goes, relative to the install target
     * @param url absolute, or relative to the package description's folder
     */
    record LinkedFile(String path, String url) {
    }
}
