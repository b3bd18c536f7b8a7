package org.mpysdk.serial;

import java.util.Optional;

/**
 * A serial port found on this machine.
 *
 * @param systemName the name to pass to {@code Board.open}, for example {@code /dev/ttyUSB0} or {@code COM3}
 * @param description what the driver calls it
 * @param vendorId USB vendor id, or -1 when not a USB device
 * @param productId USB product id, or -1
 * @param serialNumber the USB serial number, or empty
 * @param bridge the recognised USB-serial bridge, if any
 */
public record SerialPortInfo(String systemName, String description, int vendorId, int productId,
        String serialNumber, Optional<UsbBridge> bridge) {

    /** @return {@code VID:PID} in hex, or empty when not a USB device */
    public String usbId() {
        return vendorId < 0 ? "" : String.format("%04X:%04X", vendorId, productId);
    }

    @Override
    public String toString() {
        return systemName + (description.isEmpty() ? "" : " (" + description + ")")
                + (usbId().isEmpty() ? "" : " " + usbId())
                + bridge.map(b -> " " + b.description()).orElse("");
    }
}
