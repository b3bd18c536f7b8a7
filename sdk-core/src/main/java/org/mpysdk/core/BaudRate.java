package org.mpysdk.core;

import java.util.List;

/**
 * The line rate to open a serial, RFC 2217 or virtual port with. Default {@value #DEFAULT}.
 *
 * <pre>{@code
 * Board.open("/dev/ttyUSB0", BaudRate.of(460800));
 * }</pre>
 *
 * @param value bits per second
 */
public record BaudRate(int value) implements BoardOption {
    /** MicroPython's REPL and the ESP32 ROM loader both start at this rate. */
    public static final int DEFAULT = 115200;

    /**
     * @param value bits per second
     * @throws IllegalArgumentException for a rate that is not positive
     */
    public BaudRate {
        if (value <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, got " + value);
        }
    }

    /**
     * @param value bits per second, e.g. 460800 for faster flashing
     * @return the option for this rate
     * @throws IllegalArgumentException for a rate that is not positive
     */
    public static BaudRate of(int value) {
        return new BaudRate(value);
    }

    /**
     * @param options the options a port was opened with
     * @return the rate among {@code options} (the first if several), or {@link #DEFAULT}
     */
    public static int from(List<BoardOption> options) {
        for (BoardOption o : options) {
            if (o instanceof BaudRate b) {
                return b.value();
            }
        }
        return DEFAULT;
    }
}
