package org.mpysdk.serial.esp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/** Command and response packets: encode/decode round trips, typed failures on garbage. */
class PacketFuzzTest {

    @Test
    void checksumIsXorFromEf() {
        assertEquals(0xEF, CommandPacket.checksumOf(new byte[0], 0, 0));
        assertEquals(0xEF ^ 0x01 ^ 0xFF, CommandPacket.checksumOf(new byte[] {9, 1, (byte) 0xFF}, 1, 2));
    }

    @Test
    void headerLayoutIsLittleEndian() throws EspProtocolException {
        byte[] wire = CommandPacket.of(Opcode.READ_REG, new byte[] {0, 0x10, 0, 0x40}).encode();
        assertEquals(0x00, wire[0]);
        assertEquals(0x0A, wire[1]);
        assertEquals(4, wire[2]);
        assertEquals(0, wire[3]);
        assertThrows(EspProtocolException.class, () -> ResponsePacket.decode(new byte[] {1, 8, 9, 0, 0, 0, 0, 0, 0}));
    }

    @FuzzTest(maxDuration = "10s")
    void commandRoundTrip(FuzzedDataProvider data) throws EspProtocolException {
        Opcode op = data.pickValue(Opcode.values());
        int checksum = data.consumeInt();
        byte[] payload = data.consumeBytes(data.consumeInt(0, 2000));
        CommandPacket p = new CommandPacket(op, checksum, payload);
        assertEquals(p, CommandPacket.decode(p.encode()));
    }

    @FuzzTest(maxDuration = "10s")
    void responseRoundTrip(FuzzedDataProvider data) throws EspProtocolException {
        Opcode op = data.pickValue(Opcode.values());
        ResponsePacket r = new ResponsePacket(op, data.consumeInt(), data.consumeBytes(data.consumeInt(0, 600)));
        ResponsePacket back = ResponsePacket.decode(r.encode());
        assertEquals(r, back);
        if (r.data().length >= 2) {
            assertEquals(r.data()[r.data().length - 2] & 0xFF, back.status(2));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void garbageDecodesOrFailsTyped(byte[] bytes) {
        try {
            CommandPacket.decode(bytes);
        } catch (EspProtocolException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
        try {
            ResponsePacket r = ResponsePacket.decode(bytes);
            assertTrue(r.data().length <= bytes.length - 8);
        } catch (EspProtocolException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
    }
}
