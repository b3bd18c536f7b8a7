package org.mpysdk.samples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.core.flash.ChipInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mpy chip-info}: what esptool's {@code chip_id} and {@code flash_id} print. */
@Command(name = "chip-info", mixinStandardHelpOptions = true, description = "Reset into the ROM bootloader and identify chip, MAC and flash.")
final class ChipInfoCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Mixin
    ConnectMixin connect;

    @Mixin
    LeaveLoader after;

    @Override
    public Integer call() throws Exception {
        try (Board board = mpy.open()) {
            ChipInfo chip = board.bootloader(connect.options()).chip();
            // A question leaves the board running, as esptool's chip_id does: without reset lines by the run command.
            AfterReset done = after.leave(board, AfterReset.RUN);
            if (mpy.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("chip", chip.chip().displayName());
                m.put("description", chip.description());
                m.put("revision", String.valueOf(chip.revision()));
                m.put("mac", chip.mac());
                m.put("crystalMhz", chip.crystalMhz());
                m.put("flashBytes", chip.flashSizeBytes().isPresent() ? chip.flashSizeBytes().getAsLong() : null);
                m.put("after", done.cliName());
                Output.json(m);
            } else {
                System.out.println(chip);
            }
        }
        return 0;
    }
}
