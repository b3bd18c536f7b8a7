package org.mpysdk.firmware;

/** Where a page or file handed out by the catalog came from, so callers can tell (and say) when it is not fresh. */
public enum Origin {
    /** Downloaded now. */
    NETWORK,
    /** Served from the cache after the server confirmed it unchanged (HTTP 304). */
    REVALIDATED,
    /** Served from the cache without asking, because it was fetched less than the maximum age ago. */
    CACHE,
    /** Served from the cache because the catalog is in offline mode; it may be out of date. */
    OFFLINE_CACHE,
    /** A file the caller gave ({@link Firmware#load}), not from the catalog at all. */
    LOCAL_FILE;

    /** @return whether the content came from the local cache rather than a new download */
    public boolean fromCache() {
        return this != NETWORK && this != LOCAL_FILE;
    }
}
