package org.mpysdk.firmware;

/**
 * Offline mode was asked for something that was never cached. Go online once (or copy a cache
 * directory from a machine that is) to fill the cache.
 */
public class NotCachedException extends FirmwareNotFoundException {
    /** @param message what is missing, where the cache lives, and what to do */
    public NotCachedException(String message) {
        super(message);
    }
}
