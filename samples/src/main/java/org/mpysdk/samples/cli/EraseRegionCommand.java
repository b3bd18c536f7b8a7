package org.mpysdk.samples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mpy erase-region ADDRESS SIZE}: esptool's {@code erase_region}; both at 4 KiB sector boundaries. */
@Command(name = "erase-region", mixinStandardHelpOptions = true,
        description = "Erase SIZE bytes of flash at ADDRESS; both multiples of 0x1000 (esptool erase_region).")
final class EraseRegionCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectMixin connect;

    @Mixin
    LeaveLoader after;

    @Parameters(index = "0", paramLabel = "ADDRESS", converter = FlashNumber.class, description = "flash address, a multiple of 0x1000")
    long address;

    @Parameters(index = "1", paramLabel = "SIZE", converter = FlashNumber.class, description = "bytes to erase, a multiple of 0x1000 (4K)")
    long size;

    @Override
    public Integer call() throws Exception {
        // Checked here, before connecting, so that a typo is a bad command line and not a failed erase.
        if (address % AddressedFiles.SECTOR != 0 || size % AddressedFiles.SECTOR != 0 || size == 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.format(
                    "ADDRESS and SIZE must be multiples of 0x1000 (a flash sector), SIZE not 0; got 0x%x and 0x%x",
                    address, size));
        }
        try (Board board = mpy.open()) {
            board.bootloader(connect.options()).eraseRegion(address, size);
            after.leave(board);
            if (mpy.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("erased", true);
                m.put("address", address);
                m.put("bytes", size);
                m.put("port", board.transport().name());
                Output.json(m);
            } else {
                System.out.printf("erased 0x%x bytes at 0x%08x on %s%n", size, address, board.transport().name());
            }
        }
        return 0;
    }
}
