package org.mpysdk.core.repl;

/**
 * What a running MicroPython says about itself.
 *
 * @param version the MicroPython version, for example {@code "1.9.2"} (from {@code sys.implementation})
 * @param description the long firmware description ({@code os.uname().version}), for example
 *     {@code "micro:bit v1.0.1+unknown on 2023-02-24; MicroPython v1.9.2-34-gd64154c73 on 2017-09-01"}
 * @param machine the board and MCU ({@code os.uname().machine}), for example {@code "micro:bit with nRF51822"}
 * @param platform {@code sys.platform}, for example {@code "microbit"}, {@code "esp32"}
 * @param memFree free heap in bytes after a garbage collection ({@code gc.mem_free()}), or -1 if unknown
 */
public record BoardInfo(String version, String description, String machine, String platform, long memFree) {
}
