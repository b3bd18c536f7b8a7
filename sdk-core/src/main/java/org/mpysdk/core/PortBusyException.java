package org.mpysdk.core;

/** The port exists but another program (or another {@link Transport}) holds it. */
public class PortBusyException extends TransportException {
    /**
     * @param message names the port and suggests closing the program that holds it
     * @param cause the underlying failure, may be null
     */
    public PortBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
