package org.mpysdk.testkit.esp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.Board;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImage;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.RegionReport;
import org.mpysdk.core.flash.ResetMode;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.EspRomEmulator;

/**
 * Benchmark (not a test): the SDK and esptool 4.8.1 itself flash the same 1 MB MicroPython-like image to
 * Espressif's real ESP32 ROM in QEMU, a fresh emulator per run, over the same kind of link
 * ({@code socket://}), with the stub at 115200 and 921600 and ROM-only at 115200. Prints, per run, the
 * whole job's time (connect to verified), the write's share of the line-rate limit (compressed bytes x 10
 * bits / baud) and the SDK/esptool time ratio, as a Markdown table for docs/performance.md.
 *
 * <p>Run: {@code mvn -pl sdk-testkit test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.mpysdk.testkit.esp.RealRomBenchmark} with the built peers in {@code $MPYSDK_PEERS}
 * (Espressif's QEMU, esptool 4.8.1's tree) and Debian's python3-serial, -cryptography, -ecdsa, -bitstring,
 * -yaml and -intelhex for esptool. Run it on an otherwise quiet machine: the emulator drops UART bytes
 * under load.
 */
public final class RealRomBenchmark {
    private static final Pattern ESPTOOL_WROTE = Pattern.compile(
            "Wrote (\\d+) bytes(?: \\((\\d+) compressed\\))? at 0x[0-9a-f]+ in ([0-9.]+) seconds");

    private RealRomBenchmark() {
    }

    private record Mode(String name, boolean stub, int baud) {
    }

    private record Run(double jobSeconds, double writeSeconds, long wireBytes, int rewrites, boolean verified) {
    }

    /** @param args optional: the number of repetitions per mode (default 1) */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path qemu = BuiltPeers.espQemu().orElseThrow(() -> new IllegalStateException(BuiltPeers.ESP_QEMU_HINT));
        Path esptool = BuiltPeers.esptool().orElseThrow(() -> new IllegalStateException(BuiltPeers.ESPTOOL_HINT));
        Path stubs = BuiltPeers.esptoolStubs().orElseThrow();
        byte[] image = FlasherFixtures.firmware(Chip.ESP32, 1024 * 1024 - 8192, 1);
        Path work = Files.createTempDirectory("real-rom-bench");
        Path file = work.resolve("image.bin");
        Files.write(file, image);
        List<Mode> modes = List.of(new Mode("stub", true, 115200), new Mode("stub", true, 921600),
                new Mode("ROM only", false, 115200));
        List<String> rows = new ArrayList<>();
        for (Mode m : modes) {
            for (int i = 0; i < reps; i++) {
                Run sdk = sdk(qemu, stubs, work, image, m);
                Run ref = esptool(qemu, esptool, work, file, m);
                double limit = sdk.wireBytes() * 10.0 / m.baud();
                rows.add(String.format("| %s | %d | %d | %.1f | %.1f%% | %d | %.1f | %.1f%% | %.2f |", m.name(), m.baud(),
                        sdk.wireBytes(), sdk.jobSeconds(), 100 * limit / sdk.writeSeconds(), sdk.rewrites(),
                        ref.jobSeconds(), 100 * (ref.wireBytes() * 10.0 / m.baud()) / ref.writeSeconds(),
                        sdk.jobSeconds() / ref.jobSeconds()));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        System.out.printf("%nimage: %d bytes at 0x1000 (FlasherFixtures.firmware, MicroPython-like), ESP32 ROM in "
                + "Espressif's QEMU, esptool 4.8.1 stub set 1/%n", image.length);
        System.out.println("| loader | baud | compressed bytes | SDK job s | SDK write, % of line limit | SDK rewrites"
                + " | esptool job s | esptool write, % of line limit | SDK / esptool time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static Run sdk(Path qemu, Path stubs, Path work, byte[] image, Mode m) throws IOException {
        Path flash = work.resolve("sdk.flash");
        Files.deleteIfExists(flash);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, Chip.ESP32, flash)) {
            long t0 = System.nanoTime();
            try (Board board = Board.open(rom.port())) {
                ConnectOptions options = ConnectOptions.defaults().withReset(ResetMode.NO_RESET).withStub(m.stub())
                        .withStubDirectory(stubs).withBaud(m.baud() == 115200 ? 0 : m.baud());
                board.bootloader(options);
                FlashResult r = board.flash(FlashImage.forChip(Chip.ESP32, image)).lastFlashResult().orElseThrow();
                double job = (System.nanoTime() - t0) / 1e9;
                RegionReport region = r.regions().get(0);
                return new Run(job, region.elapsed().toNanos() / 1e9, region.wireBytes(), region.rewrites(),
                        r.verified());
            }
        }
    }

    private static Run esptool(Path qemu, Path esptool, Path work, Path image, Mode m)
            throws IOException, InterruptedException {
        Path flash = work.resolve("esptool.flash");
        Files.deleteIfExists(flash);
        try (EspRomEmulator rom = EspRomEmulator.start(qemu, Chip.ESP32, flash)) {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", esptool.resolve("esptool.py").toString(),
                    "--chip", "esp32", "-p", rom.port(), "--before", "no_reset", "--after", "no_reset",
                    "-b", Integer.toString(m.baud())));
            if (!m.stub()) {
                cmd.add("--no-stub");
            }
            cmd.addAll(List.of("write_flash", "0x1000", image.toString()));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("esptool failed: " + new String(out, StandardCharsets.UTF_8));
            }
            double job = (System.nanoTime() - t0) / 1e9;
            String text = new String(out, StandardCharsets.UTF_8);
            Matcher w = ESPTOOL_WROTE.matcher(text);
            if (!w.find()) {
                throw new IOException("esptool printed no 'Wrote ...' line: " + text);
            }
            long wire = Optional.ofNullable(w.group(2)).map(Long::parseLong).orElse(Long.parseLong(w.group(1)));
            return new Run(job, Double.parseDouble(w.group(3)), wire, 0, text.contains("Hash of data verified"));
        }
    }
}
