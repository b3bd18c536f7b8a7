package org.mpysdk.testkit.esp;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * Everything that makes one ESP chip's ROM loader differ from another's, as data: identity (magic
 * register, GET_SECURITY_INFO chip id), status length, the commands its ROM knows, the eFuse words that
 * esptool and esptool-js read for MAC, package and revision, the SPI controller registers used to read
 * the flash id, the UART divider register used to guess the crystal, and the boot text its ROM prints.
 *
 * <p>Values come from esptool's {@code targets/*.py} and esptool-js's {@code targets/*.ts}. Add a chip by
 * adding a factory here; {@link VirtualEsp} has no per-chip code.
 *
 * <pre>{@code
 * ChipProfile s3 = ChipProfile.byKey("esp32s3").withMac(new byte[] {0x34, (byte) 0x85, 0x18, 1, 2, 3});
 * }</pre>
 *
 * @param name the chip's name as esptool prints it ({@code ESP32-S3})
 * @param key the short name used in port strings ({@code esp32s3} in {@code virtual:esp32s3})
 * @param magic the value at the chip-detect register 0x40001000
 * @param chipId the GET_SECURITY_INFO / image-header chip id, or -1 where the chip has none (ESP8266)
 * @param romStatusLength status bytes at the end of every ROM response: 2 (ESP8266) or 4 (ESP32 family)
 * @param securityInfoLength payload bytes of the ROM's GET_SECURITY_INFO answer: 0 when the ROM lacks the
 *     command (ESP8266, ESP32), 12 (ESP32-S2, no chip id) or 20
 * @param romOpcodes the commands the ROM loader understands; every other one gets the "invalid message" reply
 * @param spi the SPI user-command registers for the flash id
 * @param uartClkdivReg the UART divider register whose value times the baud gives the crystal frequency
 * @param xtalMhz the crystal frequency the divider is derived from
 * @param uartClockFactor UART clock = crystal x this (2 on ESP8266, 1 on ESP32 family); esptool's XTAL_CLK_DIVIDER
 * @param bootBaud the rate the ROM prints its boot text at (74880 on ESP8266 with a 26 MHz crystal)
 * @param downloadBootText what the ROM prints when it starts in download mode
 * @param appBootText what the ROM prints when it boots the application from flash
 * @param romEraseBug whether the ROM's FLASH_BEGIN erase has the ESP8266 size bug (esptool works around it)
 * @param romNeedsSpiAttach whether the ROM refuses flash commands until SPI_ATTACH (ESP32 family)
 * @param bootloaderOffset where the chip's second-stage bootloader (and a MicroPython .bin) starts in flash
 * @param registers fixed register values (eFuse words, chip date registers); unknown addresses read 0
 */
public record ChipProfile(
        String name,
        String key,
        int magic,
        int chipId,
        int romStatusLength,
        int securityInfoLength,
        Set<Opcode> romOpcodes,
        SpiRegisters spi,
        int uartClkdivReg,
        int xtalMhz,
        int uartClockFactor,
        int bootBaud,
        String downloadBootText,
        String appBootText,
        boolean romEraseBug,
        boolean romNeedsSpiAttach,
        int bootloaderOffset,
        Map<Integer, Integer> registers) {

    /** The chip-detect magic register every ESP chip has at the same address. */
    public static final int CHIP_DETECT_MAGIC_REG = 0x40001000;

    private static final int ESP8266_OTP_MAC0 = 0x3FF00050;
    private static final int ESP8266_OTP_MAC1 = 0x3FF00054;
    private static final int ESP8266_OTP_MAC3 = 0x3FF0005C;
    private static final int ESP32_EFUSE_BASE = 0x3FF5A000;
    private static final int S3_EFUSE_BASE = 0x60007000;
    private static final int C3_EFUSE_BASE = 0x60008800;
    /** eFuse BLOCK1 (MAC, package, revision) sits this far after the eFuse base on S2/S3/C3. */
    private static final int BLOCK1 = 0x44;

    /**
     * Copies the collections so a profile cannot change under a running chip.
     *
     * @param name the chip's name as esptool prints it ({@code ESP32-S3})
     * @param key the short name used in port strings ({@code esp32s3} in {@code virtual:esp32s3})
     * @param magic the value at the chip-detect register 0x40001000
     * @param chipId the GET_SECURITY_INFO / image-header chip id, or -1 where the chip has none (ESP8266)
     * @param romStatusLength status bytes at the end of every ROM response: 2 (ESP8266) or 4 (ESP32 family)
     * @param securityInfoLength payload bytes of the ROM's GET_SECURITY_INFO answer: 0, 12 or 20
     * @param romOpcodes the commands the ROM loader understands, copied
     * @param spi the SPI user-command registers for the flash id
     * @param uartClkdivReg the UART divider register whose value times the baud gives the crystal frequency
     * @param xtalMhz the crystal frequency the divider is derived from
     * @param uartClockFactor UART clock = crystal x this (2 on ESP8266, 1 on ESP32 family)
     * @param bootBaud the rate the ROM prints its boot text at (74880 on ESP8266 with a 26 MHz crystal)
     * @param downloadBootText what the ROM prints when it starts in download mode
     * @param appBootText what the ROM prints when it boots the application from flash
     * @param romEraseBug whether the ROM's FLASH_BEGIN erase has the ESP8266 size bug (esptool works around it)
     * @param romNeedsSpiAttach whether the ROM refuses flash commands until SPI_ATTACH (ESP32 family)
     * @param bootloaderOffset where the chip's second-stage bootloader (and a MicroPython .bin) starts in flash
     * @param registers fixed register values, copied; unknown addresses read 0
     * @throws IllegalArgumentException when {@code romStatusLength} is neither 2 nor 4
     */
    public ChipProfile {
        romOpcodes = Set.copyOf(romOpcodes);
        registers = Map.copyOf(registers);
        if (romStatusLength != 2 && romStatusLength != 4) {
            throw new IllegalArgumentException("status length must be 2 or 4, got " + romStatusLength);
        }
    }

    /** @return the chips VirtualEsp knows, in a stable order */
    public static List<ChipProfile> all() {
        return List.of(esp8266(), esp32(), esp32s3(), esp32c3());
    }

    /**
     * @param key {@code esp8266}, {@code esp32}, {@code esp32s3} or {@code esp32c3}; case and dashes are ignored
     * @return that chip's profile
     * @throws IllegalArgumentException for a chip VirtualEsp does not emulate (the message lists those it does)
     */
    public static ChipProfile byKey(String key) {
        String wanted = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (ChipProfile p : all()) {
            if (p.key.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("VirtualEsp does not emulate '" + key + "'; it knows "
                + all().stream().map(ChipProfile::key).toList());
    }

    /** @return the ESP8266 (ESP8266EX, 26 MHz crystal, status length 2, no compression or MD5 in ROM) */
    public static ChipProfile esp8266() {
        Set<Opcode> rom = EnumSet.of(Opcode.FLASH_BEGIN, Opcode.FLASH_DATA, Opcode.FLASH_END, Opcode.MEM_BEGIN,
                Opcode.MEM_END, Opcode.MEM_DATA, Opcode.SYNC, Opcode.WRITE_REG, Opcode.READ_REG);
        Map<Integer, Integer> regs = new HashMap<>();
        regs.put(CHIP_DETECT_MAGIC_REG, 0xFFF0C101);
        ChipProfile p = new ChipProfile("ESP8266", "esp8266", 0xFFF0C101, -1, 2, 0, rom,
                new SpiRegisters(0x60000200, 0x1C, 0x20, 0x24, 0x40, 0, 0),
                0x60000014, 26, 2, 74880,
                "\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n",
                "\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\nload 0x40100000, len 31088, room 16 \r\n",
                true, false, 0x0, regs);
        return p.withMac(new byte[] {0x5C, (byte) 0xCF, 0x7F, 0x12, 0x34, 0x56});
    }

    /** @return the ESP32 (ESP32-D0WD-V3 revision v3.1, 40 MHz crystal, status length 4, no GET_SECURITY_INFO) */
    public static ChipProfile esp32() {
        Map<Integer, Integer> regs = new HashMap<>();
        regs.put(CHIP_DETECT_MAGIC_REG, 0x00F01D83);
        // eFuse word 3: package 1 (D0WD) in bits 9-11, revision bit 0 in bit 15; dual core and BT enabled.
        regs.put(ESP32_EFUSE_BASE + 4 * 3, (1 << 9) | (1 << 15));
        // Word 4: ADC VRef calibration (bits 8-12) and the 8 MHz clock calibration (low byte) esptool reads.
        regs.put(ESP32_EFUSE_BASE + 4 * 4, (0x0A << 8) | 80);
        // Word 5: revision bit 1 (bit 20), minor revision 1 (bits 24-25).
        regs.put(ESP32_EFUSE_BASE + 4 * 5, (1 << 20) | (1 << 24));
        // APB_CTL_DATE bit 31: revision bit 2; with bits 0 and 1 this makes major revision 3.
        regs.put(0x3FF6607C, 0x80000000);
        // RTC calibration esptool uses for the ESP32 ROM baud workaround: 1280 x 15625 x 80 / 40 = 40 MHz exactly.
        regs.put(0x3FF5F06C, 1280 << 7);
        ChipProfile p = new ChipProfile("ESP32", "esp32", 0x00F01D83, 0, 4, 0, esp32FamilyRom(false),
                new SpiRegisters(0x3FF42000, 0x1C, 0x20, 0x24, 0x80, 0x28, 0x2C),
                0x3FF40014, 40, 1, 115200,
                "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\n"
                        + "waiting for download\r\n",
                "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"
                        + "configsip: 0, SPIWP:0xee\r\nclk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00\r\n"
                        + "mode:DIO, clock div:2\r\n",
                false, true, 0x1000, regs);
        return p.withMac(new byte[] {0x24, 0x0A, (byte) 0xC4, 0x12, 0x34, 0x56});
    }

    /** @return the ESP32-S3 (QFN56 revision v0.2, chip id 9, status length 4) */
    public static ChipProfile esp32s3() {
        Map<Integer, Integer> regs = new HashMap<>();
        regs.put(CHIP_DETECT_MAGIC_REG, 0x9);
        // BLOCK1 word 3: package 0 (bits 21-23), minor revision low bits (18-20) = 2.
        regs.put(S3_EFUSE_BASE + BLOCK1 + 4 * 3, 2 << 18);
        // BLOCK2 word 4: block version major 1 (only matters for the ECO0 check, which minor 2 already rules out).
        regs.put(S3_EFUSE_BASE + 0x5C + 4 * 4, 1);
        ChipProfile p = new ChipProfile("ESP32-S3", "esp32s3", 0x9, 9, 4, 20, esp32FamilyRom(true),
                new SpiRegisters(0x60002000, 0x18, 0x1C, 0x20, 0x58, 0x24, 0x28),
                0x60000014, 40, 1, 115200,
                "ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\n"
                        + "waiting for download\r\n",
                "ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n"
                        + "SPIWP:0xee\r\nmode:DIO, clock div:1\r\n",
                false, true, 0x0, regs);
        return p.withMac(new byte[] {0x34, (byte) 0x85, 0x18, 0x12, 0x34, 0x56});
    }

    /** @return the ESP32-C3 (QFN32 revision v0.4, chip id 5, status length 4) */
    public static ChipProfile esp32c3() {
        Map<Integer, Integer> regs = new HashMap<>();
        regs.put(CHIP_DETECT_MAGIC_REG, 0x1B31506F);
        // BLOCK1 word 3: package 0, minor revision low bits = 4.
        regs.put(C3_EFUSE_BASE + BLOCK1 + 4 * 3, 4 << 18);
        ChipProfile p = new ChipProfile("ESP32-C3", "esp32c3", 0x1B31506F, 5, 4, 20, esp32FamilyRom(true),
                new SpiRegisters(0x60002000, 0x18, 0x1C, 0x20, 0x58, 0x24, 0x28),
                0x60000014, 40, 1, 115200,
                "ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0/1))\r\n"
                        + "waiting for download\r\n",
                "ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n"
                        + "SPIWP:0xee\r\nmode:DIO, clock div:1\r\n",
                false, true, 0x0, regs);
        return p.withMac(new byte[] {(byte) 0x84, (byte) 0xF7, 0x03, 0x12, 0x34, 0x56});
    }

    private static Set<Opcode> esp32FamilyRom(boolean securityInfo) {
        Set<Opcode> rom = EnumSet.of(Opcode.FLASH_BEGIN, Opcode.FLASH_DATA, Opcode.FLASH_END, Opcode.MEM_BEGIN,
                Opcode.MEM_END, Opcode.MEM_DATA, Opcode.SYNC, Opcode.WRITE_REG, Opcode.READ_REG, Opcode.SPI_SET_PARAMS,
                Opcode.SPI_ATTACH, Opcode.READ_FLASH_SLOW, Opcode.CHANGE_BAUDRATE, Opcode.FLASH_DEFL_BEGIN,
                Opcode.FLASH_DEFL_DATA, Opcode.FLASH_DEFL_END, Opcode.SPI_FLASH_MD5);
        if (securityInfo) {
            rom.add(Opcode.GET_SECURITY_INFO);
        }
        return rom;
    }

    /**
     * @param mac six bytes, first the OUI
     * @return this profile with the eFuse words that esptool and esptool-js decode into {@code mac}
     */
    public ChipProfile withMac(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, got " + mac.length);
        }
        int low32 = (mac[2] & 0xFF) << 24 | (mac[3] & 0xFF) << 16 | (mac[4] & 0xFF) << 8 | (mac[5] & 0xFF);
        int high16 = (mac[0] & 0xFF) << 8 | (mac[1] & 0xFF);
        Map<Integer, Integer> regs = new HashMap<>(registers);
        switch (key) {
            case "esp8266" -> {
                // The OTP holds the OUI in MAC3 and the last three bytes spread over MAC1 and MAC0.
                regs.put(ESP8266_OTP_MAC3, (mac[0] & 0xFF) << 16 | (mac[1] & 0xFF) << 8 | (mac[2] & 0xFF));
                regs.put(ESP8266_OTP_MAC1, (mac[3] & 0xFF) << 8 | (mac[4] & 0xFF));
                regs.put(ESP8266_OTP_MAC0, (mac[5] & 0xFF) << 24);
            }
            case "esp32" -> {
                regs.put(ESP32_EFUSE_BASE + 4, low32);
                regs.put(ESP32_EFUSE_BASE + 8, high16);
            }
            case "esp32s3" -> {
                regs.put(S3_EFUSE_BASE + BLOCK1, low32);
                regs.put(S3_EFUSE_BASE + BLOCK1 + 4, high16);
            }
            case "esp32c3" -> {
                regs.put(C3_EFUSE_BASE + BLOCK1, low32);
                regs.put(C3_EFUSE_BASE + BLOCK1 + 4, high16);
            }
            default -> throw new IllegalStateException("no MAC layout for " + key);
        }
        return new ChipProfile(name, key, magic, chipId, romStatusLength, securityInfoLength, romOpcodes, spi,
                uartClkdivReg, xtalMhz, uartClockFactor, bootBaud, downloadBootText, appBootText, romEraseBug,
                romNeedsSpiAttach, bootloaderOffset, regs);
    }

    /**
     * @return the one payload length the ROM's FLASH_BEGIN / FLASH_DEFL_BEGIN takes: 20 (a 5th "encrypted"
     *     word) on the chips with encrypted-flash support, which are those whose ROM knows GET_SECURITY_INFO
     *     (S2 and later), else 16. The real ROMs refuse the other length with 01 05: the ESP32's refuses 20,
     *     the ESP32-C3's refuses 16 (both seen in Espressif's QEMU)
     */
    public int romBeginLength() {
        return hasSecurityInfo() ? 20 : 16;
    }

    /** @return whether the ROM knows GET_SECURITY_INFO (so chip detection uses the chip id) */
    public boolean hasSecurityInfo() {
        return securityInfoLength > 0;
    }

    @Override
    public String toString() {
        return "ChipProfile[" + name + "]";
    }
}
