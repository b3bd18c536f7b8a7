package org.mpysdk.core;

/** No transport on the classpath understands the port string; the message names the schemes that are available. */
public class UnsupportedPortException extends TransportException {
    /** @param message the port, the schemes available and the module that would add the missing one */
    public UnsupportedPortException(String message) {
        super(message);
    }
}
