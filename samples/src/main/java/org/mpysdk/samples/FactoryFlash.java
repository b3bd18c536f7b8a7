package org.mpysdk.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpysdk.Board;
import org.mpysdk.core.flash.FlashImageSource;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.firmware.Firmware;

/**
 * Sample for a factory station: flash one verified image onto many boards at once, one thread per
 * port (the serial lines are the bottleneck, not the host), and print one summary line per board.
 *
 * <pre>
 * java ... FactoryFlash firmware.bin /dev/ttyUSB0 /dev/ttyUSB1 /dev/ttyUSB2
 * </pre>
 */
public final class FactoryFlash {
    private FactoryFlash() {
    }

    /** One board's outcome. */
    public record Station(String port, FlashResult result, String error) {
    }

    /**
     * @param args image file, then the ports
     * @throws Exception when the image cannot be read or verified (a board's failure is in its summary line)
     */
    public static void main(String[] args) throws Exception {
        Firmware firmware = Firmware.load(Path.of(args[0]));            // verified once, before any board
        List<Station> stations = flashAll(firmware,
                Arrays.asList(args).subList(1, args.length));
        stations.forEach(s -> System.out.println(s.port() + ": " + (s.error() == null ? s.result() : "FAILED " + s.error())));
        System.exit(stations.stream().allMatch(s -> s.error() == null) ? 0 : 1);
    }

    /**
     * Flashes every port in parallel, one thread per port.
     *
     * @param image what to write on every board
     * @param ports the boards' port strings
     * @return one outcome per port, in the same order; a board's failure is its outcome, never an exception
     * @throws InterruptedException when the calling thread is interrupted while boards are flashing
     */
    public static List<Station> flashAll(FlashImageSource image, List<String> ports) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, ports.size()));
        try {
            List<Future<Station>> jobs = new ArrayList<>();
            for (String port : ports) {
                jobs.add(pool.submit(() -> {
                    try (Board board = Board.open(port)) {
                        board.flash(image).reset();
                        return new Station(port, board.lastFlashResult().orElseThrow(), null);
                    } catch (Exception e) {
                        return new Station(port, null, e.getMessage());
                    }
                }));
            }
            List<Station> out = new ArrayList<>();
            for (Future<Station> job : jobs) {
                try {
                    out.add(job.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
