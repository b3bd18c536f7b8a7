package org.mpysdk.serial;

import java.util.Optional;

/** USB-to-serial bridges found on ESP boards, recognised by USB vendor and product id. */
public enum UsbBridge {
    /** Silicon Labs CP2102/CP2104, on many ESP32 DevKits. */
    CP210X(0x10C4, 0xEA60, "Silicon Labs CP210x"),
    /** WCH CH340, on many low-cost ESP8266 and ESP32 boards. */
    CH340(0x1A86, 0x7523, "WCH CH340"),
    /** WCH CH9102, on newer ESP32 DevKits. */
    CH9102(0x1A86, 0x55D4, "WCH CH9102"),
    /** FTDI FT232R. */
    FT232R(0x0403, 0x6001, "FTDI FT232R"),
    /** FTDI FT230X/FT231X. */
    FT231X(0x0403, 0x6015, "FTDI FT230X/FT231X"),
    /** The chip's own USB-JTAG-serial port (ESP32-C3, S3, C6, H2), reset with its own sequence. */
    ESPRESSIF_USB_JTAG_SERIAL(0x303A, 0x1001, "Espressif USB-JTAG-serial (native USB of C3/S3/C6/H2)");

    private final int vendorId;
    private final int productId;
    private final String description;

    UsbBridge(int vendorId, int productId, String description) {
        this.vendorId = vendorId;
        this.productId = productId;
        this.description = description;
    }

    /** @return the USB vendor id */
    public int vendorId() {
        return vendorId;
    }

    /** @return the USB product id */
    public int productId() {
        return productId;
    }

    /** @return a human name for the bridge */
    public String description() {
        return description;
    }

    /** @return whether the chip's own USB is the port, which needs the USB-JTAG-serial reset sequence */
    public boolean isNativeUsb() {
        return this == ESPRESSIF_USB_JTAG_SERIAL;
    }

    /**
     * @param vendorId the USB vendor id the port reports
     * @param productId the USB product id the port reports
     * @return the bridge with this VID:PID, if known
     */
    public static Optional<UsbBridge> of(int vendorId, int productId) {
        for (UsbBridge b : values()) {
            if (b.vendorId == vendorId && b.productId == productId) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
