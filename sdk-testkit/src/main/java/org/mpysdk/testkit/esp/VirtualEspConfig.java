package org.mpysdk.testkit.esp;

import java.time.Duration;

/**
 * The knobs of a {@link VirtualEsp}, fixed when it is built. See {@link VirtualEsp.Builder} for what each does.
 *
 * @param flashSize bytes of flash
 * @param baud the rate the chip's UART starts at (the ROM auto-bauds to the host's rate where the link has one)
 * @param lineRate whether bytes take their line time in both directions (10 bits per byte at the current baud)
 * @param eraseSectorNanos time to erase one 4 KiB sector
 * @param writeSectorNanos time to program 4 KiB (pro rata for less)
 * @param chipEraseNanos time for ERASE_FLASH
 * @param bootNoise whether a new connection first gets the ROM's boot text, as after a reset into download mode
 * @param secureDownloadMode whether the ROM is in Secure Download Mode (no READ_REG, no RAM upload, no MD5)
 * @param startInApplication whether the chip starts running its application instead of the ROM loader
 * @param applicationOutput what the application prints when it boots and whenever bytes arrive
 * @param strapDelay how long after EN rises the chip samples IO0 (the RC delay on EN)
 * @param clock the time source for line rate and latencies
 * @param faults what goes wrong
 */
public record VirtualEspConfig(int flashSize, int baud, boolean lineRate, long eraseSectorNanos, long writeSectorNanos,
        long chipEraseNanos, boolean bootNoise, boolean secureDownloadMode, boolean startInApplication,
        String applicationOutput, Duration strapDelay, LineClock clock, FaultPlan faults) {
}
