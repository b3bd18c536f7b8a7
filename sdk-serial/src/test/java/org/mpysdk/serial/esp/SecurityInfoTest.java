package org.mpysdk.serial.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mpysdk.serial.esp.protocol.EspProtocolException;

/** GET_SECURITY_INFO answers in both forms. */
class SecurityInfoTest {

    @Test
    void longFormCarriesChipIdAndFlags() throws EspProtocolException {
        byte[] p = new byte[20];
        p[0] = 0x04;             // Secure Download Mode
        p[4] = 0x01;             // one crypt-count bit: encryption on
        p[12] = 9;               // ESP32-S3
        p[16] = 3;
        SecurityInfo s = SecurityInfo.parse(p);
        assertEquals(OptionalInt.of(9), s.chip());
        assertTrue(s.secureDownloadMode());
        assertTrue(s.flashEncryption());
        assertFalse(s.secureBoot());
        assertEquals(3, s.apiVersion());
    }

    @Test
    void shortFormOfTheEsp32S2HasNoChipId() throws EspProtocolException {
        SecurityInfo s = SecurityInfo.parse(new byte[12]);
        assertEquals(OptionalInt.empty(), s.chip());
        assertFalse(s.secureDownloadMode());
        assertThrows(EspProtocolException.class, () -> SecurityInfo.parse(new byte[16]));
    }

    @FuzzTest(maxDuration = "10s")
    void anyBytesParseOrFailTyped(byte[] bytes) {
        try {
            SecurityInfo s = SecurityInfo.parse(bytes);
            assertTrue(bytes.length == 20 || bytes.length == 12);
            assertEquals(7, s.keyPurposes().length);
            if (bytes.length == 12) {
                assertTrue(s.chip().isEmpty());
            }
        } catch (EspProtocolException expected) {
            assertTrue(bytes.length != 20 && bytes.length != 12);
        }
    }
}
