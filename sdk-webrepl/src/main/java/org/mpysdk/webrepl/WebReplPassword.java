package org.mpysdk.webrepl;

import java.nio.charset.StandardCharsets;
import org.mpysdk.core.BoardOption;

/**
 * The WebREPL password, as an option of {@code Board.open}. Create it with {@link WebRepl#password(String)}.
 *
 * @param password the board's {@code PASS}: at most 9 bytes (the board keeps no more), no line breaks
 */
public record WebReplPassword(String password) implements BoardOption {
    /** The board stores at most this many bytes of password. */
    public static final int MAX_BYTES = 9;

    /**
     * Validates the password.
     *
     * @param password the board's {@code PASS}
     * @throws IllegalArgumentException when it is null, over 9 bytes of UTF-8 or holds a line break
     */
    public WebReplPassword {
        if (password == null) {
            throw new IllegalArgumentException("password must not be null");
        }
        if (password.indexOf('\r') >= 0 || password.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a WebREPL password cannot hold a line break: the board ends the password there");
        }
        int n = password.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_BYTES) {
            throw new IllegalArgumentException("WebREPL passwords are at most " + MAX_BYTES + " characters (this one is "
                    + n + " bytes); the board could never accept it. Set a shorter one with WebReplSetup.enable(...)");
        }
    }

    @Override
    public String toString() {
        return "WebReplPassword[***]";
    }
}
