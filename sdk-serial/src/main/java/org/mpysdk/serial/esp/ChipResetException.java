package org.mpysdk.serial.esp;

import java.time.Duration;
import org.mpysdk.core.OperationTimeoutException;

/**
 * The chip reset while a command was awaited: instead of the answer it printed its ROM's boot message
 * (a brown-out from a weak USB port, cable or supply, a watchdog, or the reset line). The stub flasher
 * and the baud rate are gone; the session must connect again. {@code Board.flash} does so once by
 * itself and writes the region it was writing again (the regions before stay as verified); other
 * commands report it.
 */
public class ChipResetException extends OperationTimeoutException {
    private final String bootMessage;

    /**
     * @param message what was awaited and what happened
     * @param timeout the wait that ended without an answer
     * @param bootMessage what the chip printed, made printable
     */
    public ChipResetException(String message, Duration timeout, String bootMessage) {
        super(message, timeout);
        this.bootMessage = bootMessage;
    }

    /** @return the boot message the chip printed, made printable (for example {@code rst:0x10 (RTCWDT_RTC_RESET)...}) */
    public String bootMessage() {
        return bootMessage;
    }
}
