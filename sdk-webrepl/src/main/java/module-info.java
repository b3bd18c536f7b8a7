/** The WebREPL transport ({@code ws://}, {@code wss://}), its file protocol and WebREPL/Wi-Fi set-up. */
module org.mpysdk.webrepl {
    requires transitive org.mpysdk.core;
    requires okhttp3;
    requires jdk.net;
    requires org.slf4j;

    exports org.mpysdk.webrepl;

    provides org.mpysdk.core.TransportProvider with org.mpysdk.webrepl.WebReplTransportProvider;
}
