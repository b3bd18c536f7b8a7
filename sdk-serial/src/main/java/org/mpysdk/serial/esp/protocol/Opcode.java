package org.mpysdk.serial.esp.protocol;

/** ESP bootloader command codes (ROM and stub). */
public enum Opcode {
    /** Starts an uncompressed flash write: erase size, block count, block size, offset. */
    FLASH_BEGIN(0x02),
    /** One block of an uncompressed flash write. */
    FLASH_DATA(0x03),
    /** Ends a flash write; its flag says whether to reboot or run the application. */
    FLASH_END(0x04),
    /** Starts a load into RAM (how the stub flasher is uploaded). */
    MEM_BEGIN(0x05),
    /** Ends a RAM load and jumps to the entry point it names. */
    MEM_END(0x06),
    /** One block of a RAM load. */
    MEM_DATA(0x07),
    /** The 36-byte greeting the ROM answers once it has locked on to the baud rate. */
    SYNC(0x08),
    /** Writes a 32-bit register, under a mask. */
    WRITE_REG(0x09),
    /** Reads a 32-bit register; the value comes back in the response's value word. */
    READ_REG(0x0A),
    /** Tells the ROM the flash geometry (size, block, sector and page sizes). */
    SPI_SET_PARAMS(0x0B),
    /** Attaches the SPI flash to the ROM (needed on every chip but the ESP8266 before flash commands). */
    SPI_ATTACH(0x0D),
    /** ROM flash read, 64 bytes per command (not on the ESP8266). */
    READ_FLASH_SLOW(0x0E),
    /** Switches the loader to a new baud rate; the host follows right after the response. */
    CHANGE_BAUDRATE(0x0F),
    /** Starts a deflate-compressed flash write. */
    FLASH_DEFL_BEGIN(0x10),
    /** One block of compressed flash data. */
    FLASH_DEFL_DATA(0x11),
    /** Ends a compressed flash write. */
    FLASH_DEFL_END(0x12),
    /** The MD5 of a flash range, computed on the chip. */
    SPI_FLASH_MD5(0x13),
    /** Security flags, flash-encryption state and, on newer chips, the chip id. */
    GET_SECURITY_INFO(0x14),
    /** Stub only: erases the whole flash. */
    ERASE_FLASH(0xD0),
    /** Stub only: erases a sector-aligned range. */
    ERASE_REGION(0xD1),
    /** Stub only: streams a flash range in acknowledged blocks, followed by its MD5. */
    READ_FLASH(0xD2),
    /** Stub only: leaves the loader and runs the application. */
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
     * @param code the command byte of a packet
     * @return the opcode for a wire byte, or empty for a code no loader knows
     */
    public static java.util.Optional<Opcode> find(int code) {
        for (Opcode op : values()) {
            if (op.code == code) {
                return java.util.Optional.of(op);
            }
        }
        return java.util.Optional.empty();
    }
}
