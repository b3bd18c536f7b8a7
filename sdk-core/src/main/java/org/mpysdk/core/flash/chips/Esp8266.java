package org.mpysdk.core.flash.chips;

import java.io.IOException;
import java.util.List;

/** ESP8266 and ESP8285, from esptool 4.8's {@code targets/esp8266.py}: the OTP words at 0x3FF00050..5C. */
final class Esp8266 {
    private static final long OTP_MAC0 = 0x3FF00050L;
    private static final long OTP_MAC1 = 0x3FF00054L;
    private static final long OTP_MAC2 = 0x3FF00058L;
    private static final long OTP_MAC3 = 0x3FF0005CL;

    static final ChipSpec SPEC = new ChipSpec("esp8266", "ESP8266",
            new ImageFormat(-1, 0x0, ImageFormat.ESP8266_SIZES, ImageFormat.STANDARD_FREQUENCIES),
            new RomLoader(List.of(0xFFF0C101L), 2, false, false, false, true, RomLoader.ROM_BAUD),
            SpiRegisters.esp8266(0x60000200L), Crystal.fromUartDivider(0x60000014L, 2), Esp8266::identify,
            Esp8266::readMac, new StubSupport(true, true), true);

    private Esp8266() {
    }

    // The ESP8266 has no package field: esptool tells the ESP8285 by one of two fuse bits and its flash size by three more.
    private static Identity identify(RegisterReader regs) throws IOException {
        long w0 = regs.read(OTP_MAC0) & 0xFFFFFFFFL;
        long w2 = regs.read(OTP_MAC2) & 0xFFFFFFFFL;
        long w3 = regs.read(OTP_MAC3) & 0xFFFFFFFFL;
        boolean is8285 = (w0 & (1 << 4)) != 0 || (w2 & (1 << 16)) != 0;  // efuse bit 4 or bit 80
        if (!is8285) {
            return new Identity("ESP8266EX", ChipRevision.UNKNOWN);
        }
        boolean r04 = (w0 & (1 << 4)) != 0;
        boolean r325 = (w3 & (1L << 25)) != 0;
        boolean r326 = (w3 & (1L << 26)) != 0;
        boolean r327 = (w3 & (1L << 27)) != 0;
        int flashMb = -1;
        if (r04 && !r325 && !r327) {
            flashMb = r326 ? 2 : 1;
        } else if (!r04 && r325 && !r327) {
            flashMb = r326 ? 4 : 2;
        }
        boolean highTemp = (w0 & (1 << 5)) != 0;
        String name = switch (flashMb) {
            case 1 -> highTemp ? "ESP8285H08" : "ESP8285N08";
            case 2 -> highTemp ? "ESP8285H16" : "ESP8285N16";
            default -> "ESP8285";
        };
        return new Identity(name, ChipRevision.UNKNOWN);
    }

    // The OUI is in MAC3 when programmed, else coded in MAC1 (esptool's read_mac).
    private static String readMac(RegisterReader regs) throws IOException {
        int mac0 = regs.read(OTP_MAC0);
        int mac1 = regs.read(OTP_MAC1);
        int mac3 = regs.read(OTP_MAC3);
        int[] oui;
        if (mac3 != 0) {
            oui = new int[] {(mac3 >>> 16) & 0xFF, (mac3 >>> 8) & 0xFF, mac3 & 0xFF};
        } else if (((mac1 >>> 16) & 0xFF) == 0) {
            oui = new int[] {0x18, 0xFE, 0x34};
        } else if (((mac1 >>> 16) & 0xFF) == 1) {
            oui = new int[] {0xAC, 0xD0, 0x74};
        } else {
            return "";  // an OUI code esptool does not know either ("Unknown OUI")
        }
        return MacAddress.format(new int[] {oui[0], oui[1], oui[2], (mac1 >>> 8) & 0xFF, mac1 & 0xFF,
            (mac0 >>> 24) & 0xFF});
    }
}
