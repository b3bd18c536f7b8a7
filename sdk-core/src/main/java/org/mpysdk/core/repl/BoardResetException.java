package org.mpysdk.core.repl;

/**
 * The board restarted while code was running, so the code's effects are unknown and its reply will never
 * come. Either a hard reset (a watchdog, {@code machine.reset()}, a crash: the start-up banner and the
 * friendly {@code >>> } prompt appeared in the output) or a soft reset the code asked for
 * ({@code sys.exit()}, {@code machine.soft_reset()}: MicroPython's soft reboot line and a new prompt).
 * Either way every Python variable is gone; the next call re-enters the raw REPL.
 */
public class BoardResetException extends ReplProtocolException {
    /** Whether the board restarted its interpreter (soft reset) rather than rebooting. */
    private final boolean soft;

    /** @param message what was running and what arrived */
    public BoardResetException(String message) {
        this(message, false);
    }

    /**
     * @param message what was running and what arrived
     * @param soft whether it was a soft reset (files and hardware state kept, Python state gone)
     */
    public BoardResetException(String message, boolean soft) {
        super(message);
        this.soft = soft;
    }

    /** @return whether the board soft-reset (sys.exit()) rather than rebooted */
    public boolean soft() {
        return soft;
    }
}
