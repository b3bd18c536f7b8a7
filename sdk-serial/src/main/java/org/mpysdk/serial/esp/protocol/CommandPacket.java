package org.mpysdk.serial.esp.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A host-to-chip packet: {@code 0x00 | op | size (2) | checksum (4) | data}, little-endian.
 *
 * @param opcode the command
 * @param checksum used by the *_DATA commands only (see {@link #checksumOf}), else 0
 * @param data the command's payload
 */
public record CommandPacket(Opcode opcode, int checksum, byte[] data) {
    /** Header length in bytes. */
    public static final int HEADER = 8;
    /** Seed of the data checksum. */
    public static final int CHECKSUM_SEED = 0xEF;

    /**
     * A command whose checksum field is unused.
     *
     * @param opcode the command
     * @param data the command's payload
     * @return the packet with checksum 0
     */
    public static CommandPacket of(Opcode opcode, byte[] data) {
        return new CommandPacket(opcode, 0, data);
    }

    /**
     * @param data the buffer holding a data block
     * @param off where the block starts
     * @param len the block's length
     * @return {@code 0xEF} XOR every byte of {@code data[off, off+len)}
     */
    public static int checksumOf(byte[] data, int off, int len) {
        int sum = CHECKSUM_SEED;
        for (int i = off; i < off + len; i++) {
            sum ^= data[i] & 0xFF;
        }
        return sum;
    }

    /** @return the packet bytes, before SLIP framing */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x00).put((byte) opcode.code()).putShort((short) data.length).putInt(checksum).put(data);
        return b.array();
    }

    /**
     * Parses a packet (the chip side of the protocol, used by virtual boards).
     *
     * @param packet one SLIP-decoded frame from the host
     * @return the command it carries
     * @throws EspProtocolException when the bytes are not a well-formed command
     */
    public static CommandPacket decode(byte[] packet) throws EspProtocolException {
        if (packet.length < HEADER) {
            throw new EspProtocolException("command packet of " + packet.length + " bytes is shorter than its 8-byte header");
        }
        if (packet[0] != 0x00) {
            throw new EspProtocolException(String.format("command packet starts with 0x%02X, expected 0x00", packet[0] & 0xFF));
        }
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        int code = b.get(1) & 0xFF;
        Opcode op = Opcode.find(code).orElseThrow(
                () -> new EspProtocolException(String.format("unknown ESP bootloader command 0x%02X", code)));
        int size = b.getShort(2) & 0xFFFF;
        if (size != packet.length - HEADER) {
            throw new EspProtocolException("command " + op + " declares " + size + " data bytes but carries " + (packet.length - HEADER));
        }
        return new CommandPacket(op, b.getInt(4), Arrays.copyOfRange(packet, HEADER, packet.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandPacket c && c.opcode == opcode && c.checksum == checksum && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * opcode.hashCode() + checksum) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CommandPacket[" + opcode + ", checksum=" + checksum + ", " + data.length + " bytes]";
    }
}
