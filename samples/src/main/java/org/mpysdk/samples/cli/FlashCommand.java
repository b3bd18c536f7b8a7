package org.mpysdk.samples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpysdk.Board;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashNotVerifiedException;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.ImageChecks;
import org.mpysdk.serial.SerialPortInfo;
import org.mpysdk.serial.SerialPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mpy flash}: esptool's {@code write_flash} with the image chosen from micropython.org, on one
 * board or many in parallel ({@code --port A --port B}, {@code --all-ports}). Exits
 * {@link Mpy#EXIT_NOT_VERIFIED} when everything was written but the loader could not verify it.
 */
@Command(name = "flash", description = "Write MicroPython (from micropython.org or --file) and verify it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every board written and verified (or --no-verify)", "1:a board failed (message on stderr)",
            "2:bad command line", "4:written, but the loader could not verify it (ESP8266 ROM without the stub): "
                    + "use the stub flasher, or --no-verify to accept unverified writes"})
final class FlashCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Mixin
    HelpOption help; // not the standard help options: --version is a MicroPython release here

    @Mixin
    ConnectMixin connect;

    @Mixin
    ImageChooser chooser;

    @Mixin
    LeaveLoader after;

    @Option(names = "--all-ports", description = "flash every port with a recognised ESP USB bridge")
    boolean allPorts;

    @Option(names = "--erase", description = "erase the whole flash first (after the image was checked against the chip)")
    boolean erase;

    @Option(names = "--no-verify", description = "accept unverified writes: skip the MD5 comparison (the only way "
            + "to flash an ESP8266 without the stub flasher, whose ROM cannot compute MD5s)")
    boolean noVerify;

    @Option(names = "--no-skip", description = "rewrite regions whose content already matches")
    boolean noSkip;

    @Option(names = "--force", description = "write even if the image is for another chip, too large or corrupt")
    boolean force;

    /** The spelling from before {@code --after}; kept so that scripts keep working. */
    @Option(names = "--no-reset", hidden = true, description = "same as --after no-reset")
    void noReset(boolean on) {
        if (on) {
            after.after = AfterReset.NO_RESET;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> ports = targets();
        List<FlashOutcome> outcomes = ports.size() == 1 ? List.of(flashOne(ports.get(0), mpy.progress())) : flashAll(ports);
        FlashSummary.print(outcomes, mpy.json);
        return FlashOutcome.exitCode(outcomes);
    }

    private List<FlashOutcome> flashAll(List<String> ports) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ports.size());
        try {
            List<Future<FlashOutcome>> futures = new ArrayList<>();
            for (String port : ports) {
                futures.add(pool.submit(() -> flashOne(port, ProgressListener.NONE)));
            }
            List<FlashOutcome> outcomes = new ArrayList<>();
            for (Future<FlashOutcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> targets() {
        if (allPorts) {
            List<String> found = SerialPorts.list().stream().filter(p -> p.bridge().isPresent())
                    .map(SerialPortInfo::systemName).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("--all-ports: no port with a recognised ESP USB bridge; see 'mpy ports'");
            }
            return found;
        }
        return mpy.ports.size() > 1 ? mpy.ports : List.of(mpy.port());
    }

    /** Flashes one board; never throws, so that one board's failure does not hide the others'. */
    private FlashOutcome flashOne(String port, ProgressListener progress) {
        String chipName = "?";
        String imageName = "?";
        ChipInfo chip = null;
        try (Board board = mpy.open(port)) {
            board.onProgress(progress);
            chip = board.bootloader(connect.options()).chip();
            chipName = chip.chip().displayName();
            ImageChooser.Chosen chosen = chooser.imageFor(chip.chip(), progress);
            imageName = chosen.name();
            FlashImage image = chosen.source().toFlashImage();
            if (!force) {
                // The flasher makes the same checks, but only after --erase would already have wiped the chip.
                ImageChecks.check(image, chip.chip(), chip.flashSize());
            }
            if (erase) {
                board.erase();
            }
            board.flash(image, options());
            FlashResult result = board.lastFlashResult().orElseThrow();
            after.leave(board);
            return FlashOutcome.flashed(port, chipName, imageName, result);
        } catch (FlashNotVerifiedException e) {
            // Left in the loader, as after any failure: a retry with the stub or --no-verify connects at once.
            return FlashOutcome.notVerified(port, chipName, imageName, e.result(), CliWording.notVerified(e, chip));
        } catch (Exception e) {
            return FlashOutcome.failed(port, chipName, imageName, CliWording.of(e));
        }
    }

    private FlashOptions options() {
        return FlashOptions.defaults().withVerify(!noVerify).withSkipUnchanged(!noSkip).withForce(force);
    }
}
