package org.mpysdk.samples.cli;

import java.util.concurrent.Callable;
import org.mpysdk.Board;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mpy erase}: esptool's {@code erase_flash}. */
@Command(name = "erase", mixinStandardHelpOptions = true, description = "Erase the whole flash.")
final class EraseCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Mixin
    ConnectMixin connect;

    @Mixin
    LeaveLoader after;

    @Override
    public Integer call() throws Exception {
        try (Board board = mpy.open()) {
            board.bootloader(connect.options());
            board.erase();
            after.leave(board);
            if (!mpy.json) {
                System.out.println("flash erased on " + board.transport().name());
            } else {
                Output.json(java.util.Map.of("erased", true, "port", board.transport().name()));
            }
        }
        return 0;
    }
}
