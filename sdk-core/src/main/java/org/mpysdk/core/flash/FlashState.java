package org.mpysdk.core.flash;

/**
 * What a refused flash left on the board, for the refusal's message: a check that fails before writing
 * leaves the flash as it was, but an {@code erase()} earlier on the same connection has already wiped it,
 * and a refusal must not claim otherwise.
 */
public enum FlashState {
    /** Nothing on this connection changed the flash. */
    UNTOUCHED("nothing was erased or written"),
    /** An erase earlier on this connection wiped the flash; this flash wrote nothing. */
    ERASED_EARLIER("nothing was written, but an earlier erase on this connection had already erased the flash, "
            + "so the board holds no firmware until it is flashed again (flash with FlashOptions.withEraseAll(true) "
            + "to check the image before erasing)");

    private final String description;

    FlashState(String description) {
        this.description = description;
    }

    /** @return the state in words, for a message */
    public String description() {
        return description;
    }
}
