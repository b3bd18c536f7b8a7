/**
 * Serial, TCP socket and RFC 2217 transports (device names, {@code socket://}, {@code rfc2217://}), and
 * the ESP ROM/stub bootloader behind {@code Board.flash()}.
 */
@SuppressWarnings("module") // qualified exports name SDK modules built later
module org.mpysdk.serial {
    requires transitive org.mpysdk.core;
    requires com.fazecast.jSerialComm;
    requires org.apache.commons.net;
    requires com.fasterxml.jackson.jr.ob;
    requires org.slf4j;

    exports org.mpysdk.serial;
    exports org.mpysdk.serial.esp;
    exports org.mpysdk.serial.esp.protocol;
    exports org.mpysdk.serial.esp.stub;

    provides org.mpysdk.core.TransportProvider with org.mpysdk.serial.SerialTransportProvider;
    provides org.mpysdk.core.flash.BootloaderProvider with org.mpysdk.serial.esp.EspBootloaderProvider;
}
