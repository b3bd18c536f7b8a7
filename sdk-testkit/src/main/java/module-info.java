/**
 * Virtual boards ({@code virtual:esp32}, {@code virtual:micropython}), real-MicroPython peers and the
 * JUnit extensions that hand them to tests.
 */
module org.mpysdk.testkit {
    requires transitive org.mpysdk.core;
    requires transitive org.mpysdk.serial;
    requires org.slf4j;
    requires com.dylibso.chicory.runtime;
    requires com.dylibso.chicory.wasm;
    // Only for a wasm of the user's own (-Dmpysdk.micropythonWasm): on the module path add
    // --add-modules com.dylibso.chicory.compiler then, since nothing else resolves a static requirement.
    requires static com.dylibso.chicory.compiler;
    // The user's test brings JUnit (5.10+ or 6); the mpy CLI uses the virtual boards without it. Not
    // transitive: javac would then demand JUnit wherever the testkit is required, main code included.
    requires static org.junit.jupiter.api;

    exports org.mpysdk.testkit;
    exports org.mpysdk.testkit.esp;
    exports org.mpysdk.testkit.images;
    exports org.mpysdk.testkit.loss;
    exports org.mpysdk.testkit.micropython;
    exports org.mpysdk.testkit.qemu;
    exports org.mpysdk.testkit.serial;
    exports org.mpysdk.testkit.webrepl;

    uses org.mpysdk.testkit.VirtualBoardFactory;

    provides org.mpysdk.core.TransportProvider with org.mpysdk.testkit.internal.VirtualTransportProvider;
    provides org.mpysdk.testkit.VirtualBoardFactory
            with org.mpysdk.testkit.internal.micropython.MicroPythonBoards, org.mpysdk.testkit.esp.VirtualEspBoards;
}
