package org.mpysdk.core.repl;

import java.io.IOException;

/**
 * A mount request that cannot be used: damaged on the line or not a request at all. The host answers
 * it with an empty reply, and the board sends the request again.
 */
final class MountFrameException extends IOException {
    MountFrameException(String message) {
        super(message);
    }
}
