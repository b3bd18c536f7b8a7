package org.mpysdk.serial.esp;

import java.time.Duration;

/**
 * esptool's timeouts. Size-dependent ones scale per (decimal) megabyte and never go below the default.
 */
public final class Timeouts {
    /** Most commands. */
    public static final Duration DEFAULT = Duration.ofSeconds(3);
    /** One SYNC attempt. */
    public static final Duration SYNC = Duration.ofMillis(100);
    /** MEM_END on the ROM: the stub may reset the UART before the reply leaves. */
    public static final Duration MEM_END_ROM = Duration.ofMillis(200);
    /** ERASE_FLASH of the whole chip. */
    public static final Duration CHIP_ERASE = Duration.ofSeconds(120);
    /** No command waits longer than this. */
    public static final Duration MAX = Duration.ofSeconds(240);
    /** Erasing a region (ROM FLASH_BEGIN, stub ERASE_REGION), per MB. */
    public static final double ERASE_REGION_SECONDS_PER_MB = 40;
    /** Erasing and writing a data block, per MB of uncompressed data. */
    public static final double ERASE_WRITE_SECONDS_PER_MB = 40;
    /** SPI_FLASH_MD5, per MB. */
    public static final double MD5_SECONDS_PER_MB = 8;
    /** READ_FLASH: the longest pause between two data frames. */
    public static final Duration READ_FLASH_FRAME = Duration.ofSeconds(3);

    private Timeouts() {
    }

    /**
     * Scales a timeout with the data size, as esptool does.
     *
     * @param secondsPerMb one of the {@code *_SECONDS_PER_MB} rates above
     * @param bytes how many bytes the command covers
     * @return {@code secondsPerMb * bytes / 1e6} seconds, at least {@link #DEFAULT}, at most {@link #MAX}
     */
    public static Duration perMb(double secondsPerMb, long bytes) {
        long millis = (long) Math.ceil(secondsPerMb * bytes / 1e6 * 1000);
        Duration d = Duration.ofMillis(Math.max(DEFAULT.toMillis(), millis));
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
