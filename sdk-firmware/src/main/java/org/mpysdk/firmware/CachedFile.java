package org.mpysdk.firmware;

import java.nio.file.Path;

/**
 * A complete, checked cache entry.
 *
 * @param path the file in the cache (do not modify it)
 * @param content its bytes, read under the entry's lock
 * @param sha256 lower-case hex SHA-256 of the content
 * @param origin how it was obtained this time
 * @param metadata the side file's content
 */
record CachedFile(Path path, byte[] content, String sha256, Origin origin, EntryMetadata metadata) {
}
