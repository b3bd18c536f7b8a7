package org.mpysdk.core.flash;

/** How to put the chip into its ROM bootloader before syncing (esptool's {@code --before}). */
public enum ResetMode {
    /**
     * Cycle the usual strategies through DTR/RTS (tight, then classic, with 50 and 550 ms delays); on a link
     * without control lines (TCP, a pty) the same as {@link #NO_RESET}.
     */
    AUTO,
    /** DTR/RTS set one after the other (esptool's ClassicReset), 50 then 550 ms. */
    CLASSIC,
    /** DTR and RTS set together at each step (esptool's UnixTightReset), 50 then 550 ms. */
    UNIX_TIGHT,
    /** The sequence for the chip's own USB-Serial/JTAG port (ESP32-C3/S3/C6/H2 native USB, VID:PID 303A:1001). */
    USB_JTAG_SERIAL,
    /** The chip is already in download mode (BOOT button, QEMU, a remote hub): only sync. */
    NO_RESET
}
