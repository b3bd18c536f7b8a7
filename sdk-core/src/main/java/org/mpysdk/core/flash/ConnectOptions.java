package org.mpysdk.core.flash;

import java.nio.file.Path;

/**
 * How to reach the bootloader. Defaults: reset {@link ResetMode#AUTO}, 7 attempts, stub on (from the
 * default stub source), stay at the port's baud rate.
 *
 * <pre>{@code
 * board.bootloader(ConnectOptions.defaults().withBaud(921600).withReset(ResetMode.USB_JTAG_SERIAL));
 * }</pre>
 *
 * @param reset the reset strategy before syncing
 * @param attempts connect attempts (each: a reset, then up to 5 bounded SYNCs), at least 1
 * @param useStub upload the stub flasher (faster, compressed ESP8266 writes, erase and read commands)
 * @param stubDirectory a directory of esptool-format stub JSON files; null for the default source (the
 *     {@code mpysdk.stubDir} system property, the {@code MPYSDK_STUB_DIR} environment variable, the classpath)
 * @param baud the rate to switch to after connecting (and after the stub is up), or 0 to stay
 */
public record ConnectOptions(ResetMode reset, int attempts, boolean useStub, Path stubDirectory, int baud) {
    /** Validates. */
    public ConnectOptions {
        reset = reset == null ? ResetMode.AUTO : reset;
        if (attempts < 1) {
            throw new IllegalArgumentException("connect attempts must be at least 1, got " + attempts);
        }
        if (baud < 0) {
            throw new IllegalArgumentException("baud must be 0 (stay) or positive, got " + baud);
        }
    }

    /** @return AUTO reset, 7 attempts, stub on, default stub source, stay at the port's rate */
    public static ConnectOptions defaults() {
        return new ConnectOptions(ResetMode.AUTO, 7, true, null, 0);
    }

    /** @return a copy with another reset strategy */
    public ConnectOptions withReset(ResetMode mode) {
        return new ConnectOptions(mode, attempts, useStub, stubDirectory, baud);
    }

    /** @return a copy with another number of connect attempts */
    public ConnectOptions withAttempts(int n) {
        return new ConnectOptions(reset, n, useStub, stubDirectory, baud);
    }

    /** @return a copy with the stub on or off */
    public ConnectOptions withStub(boolean on) {
        return new ConnectOptions(reset, attempts, on, stubDirectory, baud);
    }

    /** @return a copy that loads stubs from this directory */
    public ConnectOptions withStubDirectory(Path dir) {
        return new ConnectOptions(reset, attempts, useStub, dir, baud);
    }

    /** @return a copy that switches to {@code rate} after connecting */
    public ConnectOptions withBaud(int rate) {
        return new ConnectOptions(reset, attempts, useStub, stubDirectory, rate);
    }
}
