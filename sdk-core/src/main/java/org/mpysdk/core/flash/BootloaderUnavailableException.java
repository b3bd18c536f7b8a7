package org.mpysdk.core.flash;

/** No module on the classpath provides the ESP bootloader (sdk-serial is missing), or it cannot serve this link. */
public class BootloaderUnavailableException extends FlashException {
    /** @param message what is missing and how to add it */
    public BootloaderUnavailableException(String message) {
        super(message);
    }
}
