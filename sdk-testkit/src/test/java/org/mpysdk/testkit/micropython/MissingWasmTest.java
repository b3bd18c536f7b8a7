package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.util.RestoreSystemProperties;

/** Without MicroPython's wasm, starting a board says what is missing and how to get it. */
class MissingWasmTest {

    @Test
    @RestoreSystemProperties
    void aMissingWasmIsATypedErrorThatSaysHowToGetIt() {
        System.setProperty(MicroPythonWasm.PROPERTY, "/no/such/micropython.wasm");
        MicroPythonUnavailableException e = assertThrows(MicroPythonUnavailableException.class, MicroPythonTransport::start);
        assertTrue(e.getMessage().contains("/no/such/micropython.wasm"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack " + MicroPythonWasm.PACKAGE + "@1.27.0"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/install-peers"), e.getMessage());
    }
}
