package org.mpysdk.core.repl;

/** A file or folder on the board does not exist (OSError ENOENT, or the micro:bit's "file not found"). */
public class RemoteFileNotFoundException extends BoardCodeException {
    /** The missing path on the board. */
    private final String path;

    /**
     * @param path the missing path on the board
     * @param cause the board's error
     */
    public RemoteFileNotFoundException(String path, BoardCodeException cause) {
        super(cause.traceback(), cause.stdout());
        this.path = path;
        initCause(cause);
    }

    @Override
    public String getMessage() {
        return "no such file or folder on the board: " + path + " (" + super.getMessage() + ")";
    }

    /**
     * @param e an error from the board
     * @param path the path the operation was about
     * @return {@code e} as a {@link RemoteFileNotFoundException} when it is ENOENT, else {@code e}
     */
    static BoardCodeException ifMissing(BoardCodeException e, String path) {
        if (e instanceof RemoteFileNotFoundException || e.errno() != 2) {
            return e;
        }
        return new RemoteFileNotFoundException(path, e);
    }

    /** @return the missing path */
    public String path() {
        return path;
    }
}
