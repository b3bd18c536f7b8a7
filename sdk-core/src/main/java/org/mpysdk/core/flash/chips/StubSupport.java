package org.mpysdk.core.flash.chips;

/**
 * Facts about a chip's stub flasher.
 *
 * @param shippedWithEsptool whether esptool 4.8 ships a stub for the chip ({@code targets/stub_flasher/1/<chip>.json})
 * @param runsUserCode whether the stub leaves for the application with RUN_USER_CODE (only the ESP8266's; the
 *     others can only reboot, esptool's {@code soft_reset})
 */
public record StubSupport(boolean shippedWithEsptool, boolean runsUserCode) {
    /** The stub of every ESP32-family chip in esptool 4.8. */
    public static final StubSupport ESP32_FAMILY = new StubSupport(true, false);
}
