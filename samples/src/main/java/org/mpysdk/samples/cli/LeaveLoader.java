package org.mpysdk.samples.cli;

import java.io.IOException;
import org.mpysdk.core.Board;
import org.mpysdk.core.Transport;
import picocli.CommandLine.Option;

/**
 * {@code --after}: how chip-info, erase and flash end their bootloader session. Without the option the
 * chip is hard-reset where the port has DTR/RTS, and stays in download mode where it has none.
 *
 * <p>Why not reset everywhere: without control lines the library's {@code hardReset()} falls back to the
 * loader's run command, which takes the chip out of download mode, and with no reset line nothing can
 * bring it back, so the next {@code mpy} command could not connect. Leaving the loader is therefore only
 * done when asked for with {@code --after run}.
 */
final class LeaveLoader {
    @Option(names = "--after", paramLabel = "MODE", converter = AfterReset.Converter.class,
            completionCandidates = AfterReset.Names.class,
            description = "what the chip does when the command is done: ${COMPLETION-CANDIDATES} "
                    + "(default: hard-reset where the port has DTR/RTS, else no-reset)")
    AfterReset after;

    /**
     * Ends the board's bootloader session as {@code --after} says, and says on stderr when the chip
     * stays in download mode because the port cannot reset it.
     *
     * @param board a board whose bootloader session is open
     * @return what was done: {@link AfterReset#NO_RESET} also when a hard reset was impossible
     * @throws IOException when the reset or the run command fails
     */
    AfterReset leave(Board board) throws IOException {
        Transport transport = board.transport();
        AfterReset mode = after != null ? after : transport.hasControlLines() ? AfterReset.HARD_RESET : AfterReset.NO_RESET;
        if (mode == AfterReset.HARD_RESET && !transport.hasControlLines()) {
            mode = AfterReset.NO_RESET; // board.reset() would send the run command instead: see the class comment
        }
        switch (mode) {
            case HARD_RESET -> board.reset();
            case RUN -> board.bootloader().runUserCode(); // the session ends; the board is closed right after
            case NO_RESET -> {
                if (after != AfterReset.NO_RESET) { // asked for, it needs no explaining
                    System.err.println(transport.name() + ": no DTR/RTS lines"
                            + (after == AfterReset.HARD_RESET ? " to hard-reset with" : "")
                            + "; the chip stays in its download mode (use --after run to start the application)");
                }
            }
        }
        return mode;
    }
}
