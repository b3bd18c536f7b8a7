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
 * @param timeoutScale what every loader timeout is multiplied by (1 = esptool's timeouts); see
 *     {@link #withTimeoutScale(double)}
 */
public record ConnectOptions(ResetMode reset, int attempts, boolean useStub, Path stubDirectory, int baud,
                             double timeoutScale) {
    /** The largest {@link #timeoutScale()}: 100 times esptool's timeouts is already hours for a chip erase. */
    public static final double MAX_TIMEOUT_SCALE = 100;

    /**
     * @param reset the reset strategy; null means {@link ResetMode#AUTO}
     * @param attempts connect attempts, at least 1
     * @param useStub whether to upload the stub flasher
     * @param stubDirectory a directory of esptool-format stub JSON files, or null for the default source
     * @param baud the rate to switch to after connecting, or 0 to stay
     * @param timeoutScale what every loader timeout is multiplied by, above 0 and at most {@value #MAX_TIMEOUT_SCALE}
     * @throws IllegalArgumentException when {@code attempts} is below 1, {@code baud} is negative or
     *     {@code timeoutScale} is out of range
     */
    public ConnectOptions {
        reset = reset == null ? ResetMode.AUTO : reset;
        if (attempts < 1) {
            throw new IllegalArgumentException("connect attempts must be at least 1, got " + attempts);
        }
        if (baud < 0) {
            throw new IllegalArgumentException("baud must be 0 (stay) or positive, got " + baud);
        }
        if (!(timeoutScale > 0 && timeoutScale <= MAX_TIMEOUT_SCALE)) {
            throw new IllegalArgumentException("timeout scale must be above 0 and at most " + MAX_TIMEOUT_SCALE
                    + " (1 = esptool's timeouts), got " + timeoutScale);
        }
    }

    /**
     * As the canonical constructor with esptool's timeouts (scale 1).
     *
     * @param reset the reset strategy; null means {@link ResetMode#AUTO}
     * @param attempts connect attempts, at least 1
     * @param useStub whether to upload the stub flasher
     * @param stubDirectory a directory of esptool-format stub JSON files, or null for the default source
     * @param baud the rate to switch to after connecting, or 0 to stay
     */
    public ConnectOptions(ResetMode reset, int attempts, boolean useStub, Path stubDirectory, int baud) {
        this(reset, attempts, useStub, stubDirectory, baud, 1);
    }

    /** @return AUTO reset, 7 attempts, stub on, default stub source, stay at the port's rate, esptool's timeouts */
    public static ConnectOptions defaults() {
        return new ConnectOptions(ResetMode.AUTO, 7, true, null, 0, 1);
    }

    /**
     * @param mode how to put the chip into download mode, e.g. {@link ResetMode#USB_JTAG_SERIAL} for
     *     chips on their built-in USB port
     * @return a copy with another reset strategy
     */
    public ConnectOptions withReset(ResetMode mode) {
        return new ConnectOptions(mode, attempts, useStub, stubDirectory, baud, timeoutScale);
    }

    /**
     * @param n connect attempts, at least 1; more help with flaky auto-reset circuits
     * @return a copy with another number of connect attempts
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public ConnectOptions withAttempts(int n) {
        return new ConnectOptions(reset, n, useStub, stubDirectory, baud, timeoutScale);
    }

    /**
     * @param on true to upload the stub flasher, false to talk to the ROM loader only
     * @return a copy with the stub on or off
     */
    public ConnectOptions withStub(boolean on) {
        return new ConnectOptions(reset, attempts, on, stubDirectory, baud, timeoutScale);
    }

    /**
     * @param dir a directory of esptool-format stub JSON files, or null for the default source
     * @return a copy that loads stubs from this directory
     */
    public ConnectOptions withStubDirectory(Path dir) {
        return new ConnectOptions(reset, attempts, useStub, dir, baud, timeoutScale);
    }

    /**
     * @param rate the line rate to switch to, e.g. 921600, or 0 to stay at the port's rate
     * @return a copy that switches to {@code rate} after connecting
     * @throws IllegalArgumentException when {@code rate} is negative
     */
    public ConnectOptions withBaud(int rate) {
        return new ConnectOptions(reset, attempts, useStub, stubDirectory, rate, timeoutScale);
    }

    /**
     * Multiplies every timeout of the loader session: the wait for each command's answer (SYNC included),
     * the erase and write times that grow with the size, MD5, the stub's start and each frame of a flash
     * read. For links slower than a serial cable to the chip: RFC 2217 or a socket across a network, a
     * chip in an emulator on a busy host. esptool offers the same through its configuration file
     * ({@code timeout}, {@code erase_write_timeout_per_mb} and the other {@code *_timeout} settings).
     *
     * <pre>{@code
     * board.bootloader(ConnectOptions.defaults().withTimeoutScale(3)); // rfc2217:// over a slow VPN
     * }</pre>
     *
     * @param scale above 0 and at most {@value #MAX_TIMEOUT_SCALE}; 1 is esptool's timeouts
     * @return a copy with the timeouts scaled
     * @throws IllegalArgumentException when {@code scale} is out of range
     */
    public ConnectOptions withTimeoutScale(double scale) {
        return new ConnectOptions(reset, attempts, useStub, stubDirectory, baud, scale);
    }
}
