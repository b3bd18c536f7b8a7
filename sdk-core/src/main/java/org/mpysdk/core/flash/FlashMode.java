package org.mpysdk.core.flash;

/** SPI flash access mode, as stored in an image header's byte 2. */
public enum FlashMode {
    /** Quad I/O. */
    QIO,
    /** Quad output. */
    QOUT,
    /** Dual I/O. */
    DIO,
    /** Dual output: the slowest and most compatible (MicroPython's advice for troublesome ESP8266 boards). */
    DOUT;

    /** @return the header byte value (0-3) */
    public int code() {
        return ordinal();
    }
}
