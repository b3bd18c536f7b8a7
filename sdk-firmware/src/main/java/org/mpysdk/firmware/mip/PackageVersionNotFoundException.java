package org.mpysdk.firmware.mip;

import java.util.List;

/** The package exists, but not in the version asked for; {@link #available()} says which exist. */
public class PackageVersionNotFoundException extends PackageException {
    /** The versions the index lists for the package. */
    private final List<String> available;

    /**
     * @param message which package and version, and what to try
     * @param available the versions the index lists for the package (may be empty when it lists none)
     */
    public PackageVersionNotFoundException(String message, List<String> available) {
        super(message);
        this.available = List.copyOf(available);
    }

    /** @return the versions the index lists for the package, oldest first as the index lists them */
    public List<String> available() {
        return available;
    }
}
