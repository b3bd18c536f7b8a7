package org.mpysdk.samples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.core.flash.FlashImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mpy merge-bin -o merged.bin 0x1000 bootloader.bin 0x8000 partitions.bin 0x10000 app.bin}:
 * esptool's {@code merge_bin} (raw format): one file to write at {@code --target-offset}, the gaps
 * filled with 0xFF, optionally padded up to {@code --pad-to-size}. Header flash settings are kept as
 * they are (esptool's default, {@code keep}). No board is needed.
 */
@Command(name = "merge-bin", mixinStandardHelpOptions = true,
        description = "Merge files at flash addresses into one file, gaps filled with 0xFF (esptool merge_bin).")
final class MergeBinCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the merged file to write")
    Path output;

    @Option(names = {"-t", "--target-offset"}, paramLabel = "ADDRESS", converter = FlashNumber.class,
            description = "the flash address the merged file will be written at (default 0x0)")
    long targetOffset;

    @Option(names = "--pad-to-size", paramLabel = "SIZE", converter = FlashNumber.class,
            description = "pad with 0xFF up to this flash address, e.g. 4MB (the flash size)")
    long padTo;

    @Parameters(paramLabel = "ADDRESS FILE", arity = "2..*", description = "pairs of a flash address and a file")
    List<String> pairs;

    @Override
    public Integer call() throws Exception {
        List<AddressedFiles.Entry> files = AddressedFiles.read(spec, pairs, false);
        if (files.get(0).address() < targetOffset) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.format(
                    "%s starts before the target offset 0x%x", files.get(0).describe(), targetOffset));
        }
        FlashImage image = AddressedFiles.image(files);
        byte[] merged = image.toMergedBin(targetOffset, padTo);
        Files.write(output, merged);
        if (mpy.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", output.toString());
            m.put("bytes", merged.length);
            m.put("targetOffset", targetOffset);
            Output.json(m);
        } else {
            for (AddressedFiles.Entry f : files) {
                System.out.printf("added %s at 0x%x%n", f.file(), f.address());
            }
            System.out.printf("wrote 0x%x bytes to %s, ready to flash at 0x%x%n", merged.length, output, targetOffset);
        }
        return 0;
    }
}
