package org.mpysdk.firmware.mip;

/**
 * The index answered something that is not a package index or package description: not JSON, a field
 * of the wrong type, a file path that would leave the target folder, a hash that is not hex.
 */
public class MalformedPackageIndexException extends PackageException {
    /** @param message what was wrong, and where */
    public MalformedPackageIndexException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, and where
     * @param cause the parser's failure
     */
    public MalformedPackageIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
