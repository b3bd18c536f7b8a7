package org.mpysdk.samples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mpy read-flash ADDRESS SIZE FILE}: esptool's {@code read_flash}, the bytes saved to a file. */
@Command(name = "read-flash", mixinStandardHelpOptions = true,
        description = "Read SIZE bytes of flash at ADDRESS into FILE (esptool read_flash).")
final class ReadFlashCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectMixin connect;

    @Mixin
    LeaveLoader after;

    @Parameters(index = "0", paramLabel = "ADDRESS", converter = FlashNumber.class, description = "flash address, e.g. 0x0")
    long address;

    @Parameters(index = "1", paramLabel = "SIZE", converter = FlashNumber.class, description = "bytes to read, e.g. 0x1000, 4K, 4MB")
    long size;

    @Parameters(index = "2", paramLabel = "FILE", description = "where to save the bytes")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "SIZE must be 1 byte to 2 GiB; got " + size);
        }
        try (Board board = mpy.open()) {
            long start = System.nanoTime();
            byte[] data = board.bootloader(connect.options()).readFlash(address, (int) size);
            double seconds = (System.nanoTime() - start) / 1e9;
            Files.write(file, data);
            after.leave(board);
            if (mpy.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("address", address);
                m.put("bytes", data.length);
                m.put("file", file.toString());
                m.put("seconds", seconds);
                Output.json(m);
            } else {
                System.out.printf("read %,d bytes at 0x%08x in %.1f s (%.1f kbit/s) to %s%n", data.length, address, seconds,
                        seconds > 0 ? data.length * 8 / seconds / 1000 : 0.0, file);
            }
        }
        return 0;
    }
}
