package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The host's CRC-16 is CRC-16/CCITT-FALSE, the one the board computes (its check value; v1.9.2 printed 0x29b1 too). */
class Crc16Test {
    @Test
    void checkValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x29B1, Crc16.update(Crc16.INITIAL, b, 0, b.length));
        ContentDigest d = DigestKind.CRC16.newHostDigest();
        d.update(b, 0, 4);
        d.update(b, 4, 5);
        assertEquals("29b1", d.hex());
        assertEquals(9, d.count());
    }
}
