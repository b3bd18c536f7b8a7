package org.mpysdk.firmware;

/**
 * The side file ({@code NAME.meta.json}) kept next to each cache entry and each partial download:
 * where it came from and the validators for conditional and range requests.
 *
 * @param url the URL it was downloaded from
 * @param etag the ETag the server sent, or ""
 * @param lastModified the Last-Modified the server sent, or ""
 * @param size the complete length in bytes (of the entry; -1 for a partial whose total is unknown)
 * @param sha256 lower-case hex SHA-256 of the entry ("" for a partial)
 * @param fetchedAt ISO-8601 instant of the last download or revalidation
 */
record EntryMetadata(String url, String etag, String lastModified, long size, String sha256, String fetchedAt) {
    /**
     * Replaces nulls (older or hand-edited files) with "".
     *
     * @param url the URL it was downloaded from; null means ""
     * @param etag the ETag the server sent; null means ""
     * @param lastModified the Last-Modified the server sent; null means ""
     * @param size the complete length in bytes (of the entry; -1 for a partial whose total is unknown)
     * @param sha256 lower-case hex SHA-256 of the entry; null means ""
     * @param fetchedAt ISO-8601 instant of the last download or revalidation; null means ""
     */
    public EntryMetadata {
        url = url == null ? "" : url;
        etag = etag == null ? "" : etag;
        lastModified = lastModified == null ? "" : lastModified;
        sha256 = sha256 == null ? "" : sha256;
        fetchedAt = fetchedAt == null ? "" : fetchedAt;
    }

    /**
     * @param instant ISO-8601 instant of a revalidation that found the entry unchanged
     * @return a copy with another fetch time
     */
    public EntryMetadata withFetchedAt(String instant) {
        return new EntryMetadata(url, etag, lastModified, size, sha256, instant);
    }
}
