package org.mpysdk.serial.esp.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A chip-to-host packet: {@code 0x01 | op | size (2) | value (4) | data}, little-endian. The last
 * {@code statusLength} bytes of data are the status: status byte, error byte (and two reserved bytes on
 * the ESP32 ROM).
 *
 * @param opcode the command answered
 * @param value the value field (READ_REG's result)
 * @param data the payload including the status bytes
 */
public record ResponsePacket(Opcode opcode, int value, byte[] data) {
    /** Header length in bytes. */
    public static final int HEADER = 8;

    /** @return the packet bytes, before SLIP framing */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x01).put((byte) opcode.code()).putShort((short) data.length).putInt(value).put(data);
        return b.array();
    }

    /**
     * Parses a response (the host side; {@code EspLink} itself skips non-responses instead).
     *
     * @param packet one SLIP-decoded frame from the chip
     * @return the response it carries; bytes past the declared size are dropped
     * @throws EspProtocolException when the bytes are not a well-formed response
     */
    public static ResponsePacket decode(byte[] packet) throws EspProtocolException {
        if (packet.length < HEADER) {
            throw new EspProtocolException("response of " + packet.length + " bytes is shorter than its 8-byte header");
        }
        if (packet[0] != 0x01) {
            throw new EspProtocolException(String.format("response starts with 0x%02X, expected 0x01", packet[0] & 0xFF));
        }
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        int code = b.get(1) & 0xFF;
        Opcode op = Opcode.find(code).orElseThrow(
                () -> new EspProtocolException(String.format("unknown ESP bootloader command 0x%02X", code)));
        int size = b.getShort(2) & 0xFFFF;
        if (size > packet.length - HEADER) {
            throw new EspProtocolException("response to " + op + " declares " + size + " data bytes but carries " + (packet.length - HEADER));
        }
        return new ResponsePacket(op, b.getInt(4), Arrays.copyOfRange(packet, HEADER, HEADER + size));
    }

    /**
     * @param statusLength 2 or 4 bytes of status at the end of data
     * @return the status byte: 0 success, else failure
     */
    public int status(int statusLength) {
        return data.length >= statusLength ? data[data.length - statusLength] & 0xFF : 0xFF;
    }

    /**
     * @param statusLength 2 or 4 bytes of status at the end of data
     * @return the error byte, meaningful when {@link #status} is not 0 (see {@link RomError})
     */
    public int error(int statusLength) {
        return data.length >= statusLength ? data[data.length - statusLength + 1] & 0xFF : 0xFF;
    }

    /**
     * @param statusLength 2 or 4 bytes of status at the end of data
     * @return data without the status bytes
     */
    public byte[] payload(int statusLength) {
        return Arrays.copyOf(data, Math.max(0, data.length - statusLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponsePacket r && r.opcode == opcode && r.value == value && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * opcode.hashCode() + value) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ResponsePacket[" + opcode + ", value=0x" + Integer.toHexString(value) + ", " + data.length + " bytes]";
    }
}
