package org.mpysdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAddressTest {

    @Test
    void devicesAreSerial() {
        assertEquals(PortAddress.SERIAL, PortAddress.parse("/dev/ttyUSB0").scheme());
        assertEquals("COM3", PortAddress.parse("COM3").target());
        assertEquals(PortAddress.SERIAL, PortAddress.parse("C:\\ports\\x").scheme());
    }

    @Test
    void urlsSplitIntoSchemeHostAndPort() {
        PortAddress a = PortAddress.parse("RFC2217://10.0.0.5:4000");
        assertEquals("rfc2217", a.scheme());
        assertEquals("10.0.0.5", a.host());
        assertEquals(4000, a.tcpPort(2217));
        assertEquals(8266, PortAddress.parse("ws://192.168.4.1").tcpPort(8266));
        assertEquals("192.168.4.1", PortAddress.parse("ws://192.168.4.1:8266/").host());
        PortAddress v = PortAddress.parse("virtual:esp32");
        assertEquals("virtual", v.scheme());
        assertEquals("esp32", v.target());
    }

    @Test
    void badPortNumbersAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortAddress.parse("socket://host:http").tcpPort(1));
        assertTrue(e.getMessage().contains("'http'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PortAddress.parse("socket://host").tcpPort(PortAddress.NO_DEFAULT_PORT));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.parse("socket://host:70000").tcpPort(1));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.parse("  "));
    }

    @Test
    void unknownSchemeListsAvailableOnesAndTheMissingModule() {
        TransportProvider socketOnly = new TransportProvider() {
            @Override
            public Set<String> schemes() {
                return Set.of("socket");
            }

            @Override
            public Transport open(PortAddress address, List<BoardOption> options) throws IOException {
                throw new AssertionError();
            }

            @Override
            public String module() {
                return "test";
            }
        };
        UnsupportedPortException e = assertThrows(UnsupportedPortException.class,
                () -> Transports.open("ws://board:8266", List.of(socketOnly)));
        assertTrue(e.getMessage().contains("[socket]") && e.getMessage().contains("sdk-webrepl"), e.getMessage());
    }

    /** Any string either parses to an address whose text is the input, or is rejected with IllegalArgumentException. */
    @FuzzTest(maxDuration = "10s")
    void parseNeverFailsUntyped(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            PortAddress a = PortAddress.parse(s);
            assertEquals(s.strip(), a.text());
            try {
                int p = a.tcpPort(1);
                assertTrue(p >= 1 && p <= 65535);
            } catch (IllegalArgumentException expected) {
                // a malformed port number is reported, not thrown as something else
            }
        } catch (IllegalArgumentException expected) {
            assertTrue(s.isBlank());
        }
    }
}
