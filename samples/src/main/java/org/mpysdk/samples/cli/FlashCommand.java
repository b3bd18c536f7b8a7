package org.mpysdk.samples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpysdk.core.Board;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.firmware.Firmware;
import org.mpysdk.serial.SerialPortInfo;
import org.mpysdk.serial.SerialPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mpy flash}: esptool's {@code write_flash} with the image chosen from micropython.org, on one
 * board or many in parallel ({@code --port A --port B}, {@code --all-ports}).
 */
@Command(name = "flash", description = "Write MicroPython (from micropython.org or --file) and verify it.")
final class FlashCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Mixin
    ConnectMixin connect;

    @Mixin
    ImageChooser chooser;

    @Option(names = "--all-ports", description = "flash every port with a recognised ESP USB bridge")
    boolean allPorts;

    @Option(names = "--erase", description = "erase the whole flash first")
    boolean erase;

    @Option(names = "--no-verify", description = "skip the MD5 read-back")
    boolean noVerify;

    @Option(names = "--no-skip", description = "rewrite regions whose content already matches")
    boolean noSkip;

    @Option(names = "--force", description = "write even if the image is for another chip")
    boolean force;

    @Option(names = "--no-reset", description = "stay in the bootloader afterwards")
    boolean noReset;

    /** One board's outcome, for the summary table. */
    record Outcome(String port, String chip, String image, FlashResult result, String error) {
    }

    @Override
    public Integer call() throws Exception {
        List<String> ports = targets();
        if (ports.size() == 1) {
            Outcome o = flashOne(ports.get(0), mpy.progress());
            report(List.of(o));
            return o.error() == null ? 0 : Mpy.EXIT_FAILED;
        }
        ExecutorService pool = Executors.newFixedThreadPool(ports.size());
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String port : ports) {
                futures.add(pool.submit(() -> flashOne(port, org.mpysdk.core.ProgressListener.NONE)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            report(outcomes);
            return outcomes.stream().allMatch(o -> o.error() == null) ? 0 : Mpy.EXIT_FAILED;
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

    private Outcome flashOne(String port, org.mpysdk.core.ProgressListener progress) {
        String chipName = "?";
        String imageName = "?";
        try (Board board = mpy.open(port)) {
            board.onProgress(progress);
            ChipInfo chip = board.bootloader(connect.options()).chip();
            chipName = chip.chip().displayName();
            Firmware fw = chooser.firmwareFor(chip.chip(), progress);
            imageName = fw.fileName().toString();
            if (erase) {
                board.erase();
            }
            FlashOptions options = FlashOptions.defaults().withVerify(!noVerify).withSkipUnchanged(!noSkip).withForce(force);
            board.flash(fw, options);
            FlashResult result = board.lastFlashResult().orElseThrow();
            if (!noReset) {
                board.reset();
            }
            return new Outcome(port, chipName, imageName, result, null);
        } catch (Exception e) {
            return new Outcome(port, chipName, imageName, null, e.getMessage());
        }
    }

    private void report(List<Outcome> outcomes) throws Exception {
        if (mpy.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Outcome o : outcomes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("port", o.port());
                m.put("chip", o.chip());
                m.put("image", o.image());
                if (o.result() != null) {
                    m.put("bytes", o.result().bytes());
                    m.put("compressedBytes", o.result().compressedBytes());
                    m.put("seconds", o.result().seconds());
                    m.put("kbitPerSecond", o.result().effectiveKbitPerSecond());
                    m.put("verified", o.result().verified());
                    m.put("skippedRegions", o.result().skippedRegions().size());
                }
                m.put("error", o.error());
                rows.add(m);
            }
            Output.json(rows);
            return;
        }
        for (Outcome o : outcomes) {
            if (o.error() != null) {
                System.out.printf("%-24s %-10s FAILED: %s%n", o.port(), o.chip(), o.error());
            } else {
                System.out.printf("%-24s %-10s %s%n    %s%n", o.port(), o.chip(), o.image(), o.result());
            }
        }
    }
}
