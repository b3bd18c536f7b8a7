package org.mpysdk.testkit.esp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.RegionReport;
import org.mpysdk.serial.esp.EspBootloader;
import org.mpysdk.testkit.internal.esp.EsptoolJsPackage;

/**
 * Benchmark (not a test): flashes a 1.5 MB realistic payload to a line-rate-limited VirtualEsp at 115200,
 * 460800 and 921600 baud with the stub, and prints the write throughput as a percentage of the
 * line-rate limit for the compressed bytes (10 bits per byte on the wire), and the re-flash time.
 *
 * <p>Run: {@code mvn -pl sdk-testkit test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.mpysdk.testkit.esp.FlasherBenchmark} (needs esptool-js's stubs, see
 * {@link FlasherFixtures#STUB_HINT}). The payload is micropython.wasm or the micro:bit firmware when
 * installed, else synthetic data, padded to 1.5 MB with 0xFF as an image's free space.
 */
public final class FlasherBenchmark {
    private static final int SIZE = 1536 * 1024;

    private FlasherBenchmark() {
    }

    /** @param args optional baud rates; default 115200 460800 921600 */
    public static void main(String[] args) throws Exception {
        Path stubs = FlasherFixtures.stubDir().orElseThrow(() -> new IllegalStateException(FlasherFixtures.STUB_HINT));
        byte[] payload = payload();
        byte[] image = FlasherFixtures.firmware(Chip.ESP32, 0, 1);
        byte[] fw = Arrays.copyOf(image, SIZE);
        Arrays.fill(fw, image.length, fw.length, (byte) 0xFF);
        System.arraycopy(payload, 0, fw, image.length, Math.min(payload.length, fw.length - image.length));
        List<Integer> bauds = args.length > 0 ? Arrays.stream(args).map(Integer::valueOf).toList()
                : List.of(115200, 460800, 921600);
        System.out.printf("payload: %s, %d bytes%n", source, fw.length);
        for (int baud : bauds) {
            long jobStart = System.nanoTime();
            try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).lineRate(true).build();
                    var t = chip.openTransport(); EspBootloader esp = FlasherFixtures.withStub(t, stubs, baud)) {
                FlashImage img = FlashImage.forChip(Chip.ESP32, fw);
                FlashResult first = esp.flash(img);
                double sdkJob = (System.nanoTime() - jobStart) / 1e9;
                RegionReport r = first.regions().get(0);
                double write = r.elapsed().toNanos() / 1e9;
                double limit = r.wireBytes() * 10.0 / baud;
                FlashResult again = esp.flash(img);
                System.out.printf("%7d baud: %d bytes (%d compressed) written in %.2f s, line-rate limit %.2f s -> %.1f%% "
                        + "of the limit; whole flash with checks %.2f s (%.0f kbit/s effective); re-flash %.3f s "
                        + "(%.0fx faster), verified=%s%n", baud, r.bytes(), r.wireBytes(), write, limit,
                        100 * limit / write, first.seconds(), first.effectiveKbitPerSecond(), again.seconds(),
                        first.seconds() / again.seconds(), first.verified());
                esptoolJs(fw, baud, sdkJob);
            }
        }
    }

    /** The same job by Espressif's esptool-js under node, against an identical chip, when it is installed. */
    private static void esptoolJs(byte[] fw, int baud, double sdkJob) {
        if (EsptoolJsPackage.esptoolJsDir().isEmpty()) {
            System.out.println("         esptool-js not installed: " + EsptoolJsPackage.INSTALL_HINT);
            return;
        }
        try (VirtualEsp chip = VirtualEsp.builder(ChipProfile.esp32()).lineRate(true).build()) {
            EsptoolJs.Result r = EsptoolJs.flash(chip, fw, (int) Chip.ESP32.flashOffset(), baud, java.time.Duration.ofMinutes(10));
            System.out.printf("         esptool-js: whole job %.2f s (write %.2f s); SDK whole job %.2f s -> SDK %.2fx %s%n",
                    r.jobMs() / 1e3, r.writeMs() / 1e3, sdkJob, r.jobMs() / 1e3 / sdkJob,
                    r.jobMs() / 1e3 > sdkJob ? "faster" : "(slower)");
        } catch (Exception e) {
            System.out.println("         esptool-js failed: " + e.getMessage());
        }
    }

    private static String source = "synthetic";

    private static byte[] payload() throws Exception {
        Optional<Path> wasm = find("wasm/node_modules/@micropython/micropython-webassembly-pyscript/micropython.wasm");
        if (wasm.isPresent()) {
            source = wasm.get().toString();
            return Files.readAllBytes(wasm.get());
        }
        Path hex = Path.of("/usr/share/firmware-microbit-micropython/firmware.hex");
        if (Files.isRegularFile(hex)) {
            source = hex.toString();
            return Files.readAllBytes(hex);
        }
        return FlasherFixtures.payload(SIZE, 42);
    }

    private static Optional<Path> find(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            for (Path p : new Path[] {dir.resolve(relative), dir.resolve("sdk-testkit").resolve(relative)}) {
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
