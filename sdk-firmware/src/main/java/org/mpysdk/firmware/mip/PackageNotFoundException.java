package org.mpysdk.firmware.mip;

/** The index has no package of that name (the message names close matches, when there are any). */
public class PackageNotFoundException extends PackageException {
    /** @param message which package, which index, and what to try */
    public PackageNotFoundException(String message) {
        super(message);
    }
}
