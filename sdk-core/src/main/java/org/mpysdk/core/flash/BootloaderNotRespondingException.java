package org.mpysdk.core.flash;

import org.mpysdk.core.AbstractTransport;

/**
 * Connecting to the ROM bootloader failed. {@link #reason()} tells the three cases apart, and the
 * message says what to try for each.
 */
public class BootloaderNotRespondingException extends FlashException {
    /** Why the bootloader did not answer. */
    public enum Reason {
        /** Nothing arrived at all: cable, port, power, or the chip is held in reset. */
        SILENCE,
        /** Bytes arrived but were not SLIP frames: wrong baud, or the application runs instead of the ROM loader. */
        NOT_SLIP,
        /** The ROM answered but refused the commands (Secure Download Mode, or a locked chip). */
        REJECTED
    }

    /** The port that was tried. */
    private final String port;
    /** How many connect attempts were made. */
    private final int attempts;
    /** Which of the three cases it is. */
    private final Reason reason;
    /** What arrived instead of an answer, for diagnosis. */
    private final byte[] sample;

    /**
     * @param port the port name
     * @param attempts how many connect attempts were made
     * @param reason which case it is
     * @param sample bytes that arrived instead of an answer (empty for silence)
     * @param detail extra facts (boot mode seen, command refused), or empty
     */
    public BootloaderNotRespondingException(String port, int attempts, Reason reason, byte[] sample, String detail) {
        super(message(port, attempts, reason, sample, detail));
        this.port = port;
        this.attempts = attempts;
        this.reason = reason;
        this.sample = sample.clone();
    }

    private static String message(String port, int attempts, Reason reason, byte[] sample, String detail) {
        String head = "no answer from the ESP bootloader on " + port + " after " + attempts + " connect attempt"
                + (attempts == 1 ? "" : "s") + ": ";
        String extra = detail == null || detail.isEmpty() ? "" : " " + detail;
        return switch (reason) {
            case SILENCE -> head + "nothing arrived at all." + extra + " Check the cable (a charge-only cable has no data "
                    + "lines), the port name and the board's power; hold BOOT and press EN (RESET) to enter the bootloader";
            case NOT_SLIP -> head + "bytes arrived but none was a bootloader answer (" + sample.length
                    + " bytes, ending with " + AbstractTransport.printable(sample) + ")." + extra
                    + " Either the baud rate is wrong or the application (MicroPython) runs instead of the ROM "
                    + "loader: hold BOOT and press EN, or check the reset circuit (DTR/RTS)";
            case REJECTED -> head + "the ROM answers but rejects the commands." + extra
                    + " The chip is probably in Secure Download Mode (eFuse): only plain writes without a stub or "
                    + "MD5 verification are possible";
        };
    }

    /** @return the port that was tried */
    public String port() {
        return port;
    }

    /** @return how many attempts were made */
    public int attempts() {
        return attempts;
    }

    /** @return which case it is */
    public Reason reason() {
        return reason;
    }

    /** @return a copy of what arrived instead of an answer (at most a few hundred bytes) */
    public byte[] sample() {
        return sample.clone();
    }
}
