package org.mpysdk.testkit.micropython;

import org.mpysdk.core.TransportException;

/**
 * {@code virtual:micropython} cannot start: MicroPython's WebAssembly build is not on this machine (or
 * cannot be loaded). The message says where it was looked for and how to get it.
 */
public class MicroPythonUnavailableException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** @param message what is missing and how to get it */
    public MicroPythonUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to do
     * @param cause the underlying failure
     */
    public MicroPythonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
