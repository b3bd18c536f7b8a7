package org.mpysdk.serial.esp.protocol;

/** ESP bootloader command codes (ROM and stub). */
public enum Opcode {
    FLASH_BEGIN(0x02),
    FLASH_DATA(0x03),
    FLASH_END(0x04),
    MEM_BEGIN(0x05),
    MEM_END(0x06),
    MEM_DATA(0x07),
    SYNC(0x08),
    WRITE_REG(0x09),
    READ_REG(0x0A),
    SPI_SET_PARAMS(0x0B),
    SPI_ATTACH(0x0D),
    READ_FLASH_SLOW(0x0E),
    CHANGE_BAUDRATE(0x0F),
    FLASH_DEFL_BEGIN(0x10),
    FLASH_DEFL_DATA(0x11),
    FLASH_DEFL_END(0x12),
    SPI_FLASH_MD5(0x13),
    GET_SECURITY_INFO(0x14),
    ERASE_FLASH(0xD0),
    ERASE_REGION(0xD1),
    READ_FLASH(0xD2),
    RUN_USER_CODE(0xD3);

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** @return the byte on the wire */
    public int code() {
        return code;
    }

    /** @return whether only the stub flasher (not the ROM) implements this command */
    public boolean stubOnly() {
        return code >= 0xD0;
    }

    /**
     * @return the opcode for a wire byte
     * @throws EspProtocolException for an unknown code
     */
    public static Opcode of(int code) throws EspProtocolException {
        for (Opcode op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        throw new EspProtocolException(String.format("unknown ESP bootloader command 0x%02X", code));
    }
}
