package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WifiCredentialsTest {

    @Test
    void ssidIsOneTo32BytesOfUtf8() {
        assertDoesNotThrow(() -> WifiCredentials.open("a"));
        assertDoesNotThrow(() -> WifiCredentials.open("x".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> WifiCredentials.open(""));
        assertThrows(IllegalArgumentException.class, () -> WifiCredentials.open("x".repeat(33)));
        // 16 characters, 32 bytes: fits; 17 of them do not.
        assertDoesNotThrow(() -> WifiCredentials.open("\u00e9".repeat(16)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WifiCredentials.open("\u00e9".repeat(17)));
        assertTrue(e.getMessage().contains("34 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WifiCredentials.open("a\0b"));
    }

    @Test
    void wpaPasswordIs8To63OrEmptyAndNeverShown() {
        assertTrue(WifiCredentials.of("home", "").isOpen());
        assertDoesNotThrow(() -> WifiCredentials.of("home", "12345678"));
        assertDoesNotThrow(() -> WifiCredentials.of("home", "p".repeat(63)));
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> WifiCredentials.of("home", "secret7"));
        assertFalse(shortOne.getMessage().contains("secret7"), "the message gives the length, not the password");
        assertTrue(shortOne.getMessage().contains("8 to 63"), shortOne.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WifiCredentials.of("home", "p".repeat(64)));
        assertThrows(NullPointerException.class, () -> WifiCredentials.of("home", null));

        WifiCredentials c = WifiCredentials.of("home", "hunter2hunter2");
        assertEquals("WifiCredentials[ssid=home, password=***]", c.toString());
        assertFalse(WifiOptions.DEFAULTS.withWebRepl("s3cret").toString().contains("s3cret"));
    }

    @Test
    void optionsCheckTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> WifiOptions.DEFAULTS.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> WifiOptions.DEFAULTS.withPollInterval(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> WifiOptions.DEFAULTS.withWebRepl("abc"), "WebREPL wants 4-9");
    }

    @Test
    void accessPointDefaults() {
        assertEquals("MicroPython-a1b2c3", WifiAccessPoint.defaultSsid(new byte[] {0x24, 0x0a, (byte) 0xc4, (byte) 0xa1, (byte) 0xb2, (byte) 0xc3}));
        assertEquals("ws://192.168.4.1:8266", WifiAccessPoint.DEFAULT_WEBREPL_URI.toString());
        assertEquals("micropythoN", WifiAccessPoint.DEFAULT_PASSWORD);
        assertThrows(IllegalArgumentException.class, () -> WifiAccessPoint.defaultSsid(new byte[2]));
    }
}
