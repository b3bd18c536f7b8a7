package org.mpysdk.samples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mpysdk.Board;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.testkit.esp.ChipProfile;
import org.mpysdk.testkit.esp.VirtualEsp;
import org.mpysdk.testkit.images.TestFirmware;

/**
 * Benchmark (a main, not a test): flashes 1, 4 and 16 virtual ESP32s at once, each behind its own
 * emulated serial line at the given baud rate, and prints the wall time of each batch against one
 * board's. The line is the bottleneck, so the target is 16 boards in under 1.5 times one board's time.
 *
 * <pre>
 * mvn -q -pl samples test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mpysdk.samples.bench.ParallelFlashBenchmark -Dexec.args="460800 524288"
 * </pre>
 */
public final class ParallelFlashBenchmark {
    private ParallelFlashBenchmark() {
    }

    /** @param args baud rate (default 460800), application size in bytes (default 512 KiB) */
    public static void main(String[] args) throws Exception {
        int baud = args.length > 0 ? Integer.parseInt(args[0]) : 460800;
        int appBytes = args.length > 1 ? Integer.parseInt(args[1]) : 512 * 1024;
        FlashImage image = FlashImage.fromMicroPythonBin(TestFirmware.esp32Bin(Chip.ESP32, "v1.27.0", appBytes));
        System.out.printf(Locale.ROOT, "image %d bytes, line %d baud, cores %d%n", image.end() - image.regions().get(0).offset(),
                baud, Runtime.getRuntime().availableProcessors());
        double one = 0;
        for (int boards : new int[] {1, 4, 16}) {
            double seconds = batch(image, boards, baud);
            if (boards == 1) {
                one = seconds;
            }
            System.out.printf(Locale.ROOT, "%2d boards: %6.2f s wall, %.2f x one board%n", boards, seconds, seconds / one);
        }
    }

    private static double batch(FlashImage image, int boards, int baud) throws Exception {
        List<VirtualEsp> chips = new ArrayList<>();
        for (int i = 0; i < boards; i++) {
            chips.add(VirtualEsp.builder(ChipProfile.esp32()).lineRate(true).build());
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (VirtualEsp chip : chips) {
            Thread t = new Thread(() -> {
                try (Board board = Board.open(chip.openTransport())) {
                    board.bootloader(ConnectOptions.defaults().withBaud(baud));
                    board.flash(image, FlashOptions.defaults().withSkipUnchanged(false));
                    FlashResult r = board.lastFlashResult().orElseThrow();
                    if (!r.verified()) {
                        throw new IllegalStateException("not verified: " + r);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        chips.forEach(VirtualEsp::close);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " boards failed", failures.get(0));
        }
        return seconds;
    }
}
