package org.mpysdk.samples.cli;

import java.util.List;
import org.mpysdk.core.flash.FlashResult;

/**
 * One board's outcome of {@code mpy flash}, for the summary and the exit code.
 *
 * @param port the port string
 * @param chip the chip's name, or "?" when the bootloader did not answer
 * @param image the image's name, or "?" when none was chosen
 * @param result what was written, or null when nothing was
 * @param error what went wrong, in the CLI's words, or null on success
 * @param exitCode {@code 0}, {@link Mpy#EXIT_FAILED} or {@link Mpy#EXIT_NOT_VERIFIED}
 */
record FlashOutcome(String port, String chip, String image, FlashResult result, String error, int exitCode) {

    static FlashOutcome flashed(String port, String chip, String image, FlashResult result) {
        return new FlashOutcome(port, chip, image, result, null, 0);
    }

    /** Everything was written but nothing proves it: not a success, but not nothing either. */
    static FlashOutcome notVerified(String port, String chip, String image, FlashResult result, String message) {
        return new FlashOutcome(port, chip, image, result, message, Mpy.EXIT_NOT_VERIFIED);
    }

    static FlashOutcome failed(String port, String chip, String image, String message) {
        return new FlashOutcome(port, chip, image, null, message, Mpy.EXIT_FAILED);
    }

    /**
     * @param outcomes every board's outcome
     * @return the command's exit code: a failure anywhere wins over an unverified write, which wins over success
     */
    static int exitCode(List<FlashOutcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.exitCode() == Mpy.EXIT_FAILED)) {
            return Mpy.EXIT_FAILED;
        }
        return outcomes.stream().anyMatch(o -> o.exitCode() == Mpy.EXIT_NOT_VERIFIED) ? Mpy.EXIT_NOT_VERIFIED : 0;
    }
}
