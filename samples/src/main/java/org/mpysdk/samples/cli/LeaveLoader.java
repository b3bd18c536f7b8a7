package org.mpysdk.samples.cli;

import java.io.IOException;
import org.mpysdk.Board;
import org.mpysdk.core.Transport;
import picocli.CommandLine.Option;

/**
 * {@code --after}: how the bootloader commands end their session. Without the option the chip is
 * hard-reset where the port has DTR/RTS; where it has none, the command decides: the writing commands
 * keep the chip in download mode, {@code chip-info} (a question, after which the user expects the board to
 * run again) starts the application with the loader's run command, and both say so on stderr.
 *
 * <p>Why not reset everywhere: without control lines the library's {@code hardReset()} falls back to the
 * loader's run command, which takes the chip out of download mode, and with no reset line nothing can
 * bring it back, so the next {@code mpy} command could not connect. The writing commands therefore leave
 * the loader only when asked for with {@code --after run}.
 */
final class LeaveLoader {
    @Option(names = "--after", paramLabel = "MODE", converter = AfterReset.Converter.class,
            completionCandidates = AfterReset.Names.class,
            description = "what the chip does when the command is done: ${COMPLETION-CANDIDATES} "
                    + "(default: hard-reset where the port has DTR/RTS, else no-reset)")
    AfterReset after;

    /** What a port without control lines does by default: stay in the loader, so the next command connects. */
    AfterReset leave(Board board) throws IOException {
        return leave(board, AfterReset.NO_RESET);
    }

    /**
     * Ends the board's bootloader session as {@code --after} says, and says on stderr what was done
     * when the port could not do what was asked (or what the default would have been) and what the
     * user can do about it.
     *
     * @param board a board whose bootloader session is open
     * @param withoutLines what to do instead of a hard reset where the port has no DTR/RTS:
     *     {@link AfterReset#NO_RESET} (stay in the loader) or {@link AfterReset#RUN} (start the application)
     * @return what was done
     * @throws IOException when the reset or the run command fails
     */
    AfterReset leave(Board board, AfterReset withoutLines) throws IOException {
        Transport transport = board.transport();
        boolean lines = transport.hasControlLines();
        AfterReset mode = after != null ? after : lines ? AfterReset.HARD_RESET : withoutLines;
        if (mode == AfterReset.HARD_RESET && !lines) {
            mode = withoutLines; // board.reset() would send the run command either way: see the class comment
        }
        switch (mode) {
            case HARD_RESET -> board.reset();
            case RUN -> {
                board.bootloader().runUserCode(); // the session ends; the board is closed right after
                if (after != AfterReset.RUN) {
                    System.err.println(transport.name() + ": no DTR/RTS lines to reset with, so the loader's run "
                            + "command started the application. To reach the loader again, put the chip into its "
                            + "download mode by hand (hold BOOT, press EN/RESET), or pass --after no-reset to keep it there");
                }
            }
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
