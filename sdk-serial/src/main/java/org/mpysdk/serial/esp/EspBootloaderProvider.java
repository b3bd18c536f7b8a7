package org.mpysdk.serial.esp;

import java.io.IOException;
import org.mpysdk.core.Transport;
import org.mpysdk.core.flash.Bootloader;
import org.mpysdk.core.flash.BootloaderProvider;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.OperationScope;

/** Plugs the ESP ROM/stub bootloader into {@code Board.bootloader()} through {@link java.util.ServiceLoader}. */
public final class EspBootloaderProvider implements BootloaderProvider {
    /** For {@link java.util.ServiceLoader}. */
    public EspBootloaderProvider() {
    }

    @Override
    public Bootloader connect(Transport transport, ConnectOptions options, OperationScope scope) throws IOException {
        return EspBootloader.connect(transport, options, scope);
    }

    @Override
    public String module() {
        return "sdk-serial";
    }
}
