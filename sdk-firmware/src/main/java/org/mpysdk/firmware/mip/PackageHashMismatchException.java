package org.mpysdk.firmware.mip;

/**
 * A downloaded file does not have the SHA-256 the package's index entry gives for it. Nothing was
 * written to the board: every file is downloaded and checked before the first one is installed.
 */
public class PackageHashMismatchException extends PackageException {
    /** Where the file came from. */
    private final String url;
    /** The hash prefix the index gives. */
    private final String expected;
    /** The full SHA-256 of what arrived. */
    private final String actual;

    /**
     * @param message which file, from where, and what to do
     * @param url where the file came from
     * @param expected the (short) hash the index gives
     * @param actual the full SHA-256 of what arrived, lower-case hex
     */
    public PackageHashMismatchException(String message, String url, String expected, String actual) {
        super(message);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
    }

    /** @return where the file came from */
    public String url() {
        return url;
    }

    /** @return the hash prefix the index gives, lower-case hex */
    public String expected() {
        return expected;
    }

    /** @return the full SHA-256 of what arrived, lower-case hex */
    public String actual() {
        return actual;
    }
}
