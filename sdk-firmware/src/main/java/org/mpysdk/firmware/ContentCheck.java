package org.mpysdk.firmware;

/**
 * A check run on complete content before it enters the cache (and again when a cache entry is
 * served). Throwing keeps the content out of the cache.
 */
@FunctionalInterface
interface ContentCheck {
    /** Accepts everything (pages). */
    ContentCheck NONE = (content, sha256, cached) -> { };

    /**
     * @param content the complete content
     * @param sha256 its lower-case hex SHA-256
     * @param cached whether it is an existing cache entry (true) or a new download (false)
     * @throws FirmwareException to reject it
     */
    void check(byte[] content, String sha256, boolean cached) throws FirmwareException;
}
