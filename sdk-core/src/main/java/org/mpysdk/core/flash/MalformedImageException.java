package org.mpysdk.core.flash;

/** The bytes to flash are not a well-formed ESP image where one is required (a corrupt or truncated header). */
public class MalformedImageException extends FlashException {
    /** @param message what is malformed and what to do */
    public MalformedImageException(String message) {
        super(message);
    }
}
