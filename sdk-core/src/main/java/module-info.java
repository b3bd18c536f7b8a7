/**
 * The SDK's core: {@link org.mpysdk.Board}, transports, the REPL, files on the board, the chip
 * table and the flash image model. Transports and the bootloader come from other modules through
 * {@link java.util.ServiceLoader}.
 */
@SuppressWarnings("module") // qualified exports name SDK modules built later
module org.mpysdk.core {
    requires org.slf4j;

    exports org.mpysdk;
    exports org.mpysdk.core;
    exports org.mpysdk.core.flash;
    exports org.mpysdk.core.flash.chips;
    exports org.mpysdk.core.repl;
    // Helpers the other SDK modules share (deadlines, bytes, host files); not for users.
    exports org.mpysdk.core.internal to org.mpysdk.serial, org.mpysdk.webrepl, org.mpysdk.firmware, org.mpysdk.testkit;

    uses org.mpysdk.core.TransportProvider;
    uses org.mpysdk.core.flash.BootloaderProvider;
}
