package org.mpysdk.core.flash;

import java.io.IOException;
import org.mpysdk.core.Transport;

/**
 * Service-provider interface: a module that speaks an ESP bootloader protocol registers an
 * implementation in {@code META-INF/services/org.mpysdk.core.flash.BootloaderProvider}; {@code Board}
 * finds it with {@link java.util.ServiceLoader}.
 */
public interface BootloaderProvider {

    /**
     * Resets the chip into its bootloader (as {@code options} say), syncs, identifies the chip and its
     * flash, and (optionally) uploads the stub and changes the baud rate.
     *
     * @param transport the open link; the provider does not close it
     * @param options reset strategy, sync attempts, stub and baud rate
     * @param scope where progress goes and cancellation comes from, for this and later operations
     * @return the connected session
     * @throws BootloaderNotRespondingException when no bootloader answers
     * @throws IOException another {@link FlashException}, a timeout or a transport failure
     */
    Bootloader connect(Transport transport, ConnectOptions options, OperationScope scope) throws IOException;

    /** @return which module provides this, for messages (for example {@code sdk-serial}) */
    String module();
}
