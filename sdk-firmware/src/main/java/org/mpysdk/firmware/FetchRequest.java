package org.mpysdk.firmware;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One request to {@link HttpFileCache#fetch(FetchRequest)}.
 *
 * @param key the entry's path relative to the cache root, for example {@code firmware/NAME.bin}
 * @param url where to download it
 * @param offline serve only from the cache
 * @param maxAge serve a cache entry younger than this without asking the server (zero: always revalidate)
 * @param options progress, cancellation, expected hash, timeout
 * @param check run on the complete content before caching and when serving from the cache
 * @param what a short description for messages, for example the file name
 */
record FetchRequest(String key, URI url, boolean offline, Duration maxAge, DownloadOptions options,
                           ContentCheck check, String what) {
    /**
     * Checks the key stays inside the cache.
     *
     * @param key the entry's path relative to the cache root, for example {@code firmware/NAME.bin}
     * @param url where to download it
     * @param offline serve only from the cache
     * @param maxAge how long a cache entry is served without asking the server; null means zero (always revalidate)
     * @param options progress, cancellation, expected hash, timeout; null means {@link DownloadOptions#defaults()}
     * @param check run on the complete content before caching and when serving from the cache; null means none
     * @param what a short description for messages, for example the file name
     * @throws IllegalArgumentException when {@code key} could leave the cache directory ({@code ..}, absolute,
     *     odd characters)
     * @throws NullPointerException when {@code url} is null
     */
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        if (!key.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*") || key.contains("..")) {
            throw new IllegalArgumentException("unsafe cache key '" + key + "'");
        }
        maxAge = maxAge == null ? Duration.ZERO : maxAge;
        options = options == null ? DownloadOptions.defaults() : options;
        check = check == null ? ContentCheck.NONE : check;
    }
}
