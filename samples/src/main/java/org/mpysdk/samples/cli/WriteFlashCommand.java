package org.mpysdk.samples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mpysdk.Board;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashNotVerifiedException;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.ImageChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mpy write-flash 0x1000 bootloader.bin 0x8000 partitions.bin 0x10000 app.bin}: esptool's
 * {@code write_flash} with several images at their addresses. The addresses are checked before the
 * chip is touched (pairs, sector starts, no shared sectors), the images against the chip before
 * anything is erased, and every region is verified by MD5 after writing, as for {@code flash}.
 */
@Command(name = "write-flash", mixinStandardHelpOptions = true,
        description = "Write files at flash addresses (esptool write_flash) and verify them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written and verified (or --no-verify)", "1:failed (message on stderr)",
            "2:bad command line (odd pairs, address not at a 4 KiB sector, files sharing a sector)",
            "4:written, but the loader could not verify it (ESP8266 ROM without the stub)"})
final class WriteFlashCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectMixin connect;

    @Mixin
    LeaveLoader after;

    @Parameters(paramLabel = "ADDRESS FILE", arity = "2..*",
            description = "pairs of a flash address (0x1000) and the file to write there")
    List<String> pairs;

    @Option(names = {"-e", "--erase-all"}, description = "erase the whole flash first (after the images were checked against the chip)")
    boolean eraseAll;

    @Option(names = "--no-verify", description = "accept unverified writes (ESP8266 ROM without the stub cannot compute MD5s)")
    boolean noVerify;

    @Option(names = "--no-skip", description = "rewrite regions whose content already matches")
    boolean noSkip;

    @Option(names = "--force", description = "write even if an image is for another chip, too large for the flash or corrupt")
    boolean force;

    @Override
    public Integer call() throws Exception {
        List<AddressedFiles.Entry> files = AddressedFiles.read(spec, pairs, true);
        FlashImage image = AddressedFiles.image(files);
        String names = files.stream().map(AddressedFiles.Entry::describe).collect(Collectors.joining(", "));
        String port = mpy.port();
        try (Board board = mpy.open(port)) {
            ChipInfo chip = board.bootloader(connect.options()).chip();
            if (eraseAll && !force) {
                ImageChecks.check(image, chip.chip(), chip.flashSize()); // before the erase, not only before the write
            }
            if (eraseAll) {
                board.erase();
            }
            FlashOutcome outcome;
            try {
                board.flash(image, FlashOptions.defaults().withVerify(!noVerify).withSkipUnchanged(!noSkip).withForce(force));
                after.leave(board);
                outcome = FlashOutcome.flashed(port, chip.chip().displayName(), names, board.lastFlashResult().orElseThrow());
            } catch (FlashNotVerifiedException e) {
                // Left in the loader, as after any failure, so that a retry connects at once.
                outcome = FlashOutcome.notVerified(port, chip.chip().displayName(), names, e.result(), CliWording.notVerified(e, chip));
            }
            FlashSummary.print(List.of(outcome), mpy.json);
            return outcome.exitCode();
        }
    }
}
