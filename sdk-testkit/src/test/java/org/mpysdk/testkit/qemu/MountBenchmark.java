package org.mpysdk.testkit.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mpysdk.Board;
import org.mpysdk.core.Transports;
import org.mpysdk.core.repl.Mount;
import org.mpysdk.core.repl.Repl;

/**
 * Benchmark (not a test): a mounted host folder, the SDK's {@code Repl.mount} and mpremote's
 * {@code mount} side by side on MicroPython 1.29 (the qemu peer, a fresh emulator per tool and round):
 * the time to mount, to import a 16 KB module and to read a 16 KB binary file from the folder, with the
 * bytes each puts on the wire (a pty has no baud; at 115200 each byte costs 87 us).
 *
 * <p>Run (a built peer; mpremote as for {@link MicroPython129Benchmark}):
 * <pre>
 * mvn -B -q -pl sdk-testkit -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp sdk-testkit/target/test-classes:sdk-testkit/target/classes:$(cat /tmp/cp.txt) \
 *     org.mpysdk.testkit.qemu.MountBenchmark [ROUNDS [REPS]]
 * </pre>
 */
public final class MountBenchmark {
    private MountBenchmark() {
    }

    /** Samples per operation: seconds and wire bytes both ways. */
    private static final class Runs {
        final Map<String, List<double[]>> samples = new LinkedHashMap<>();

        void add(String op, double seconds, long tx, long rx) {
            samples.computeIfAbsent(op, k -> new ArrayList<>()).add(new double[] {seconds, tx, rx});
        }

        double median(String op, int column) {
            double[] v = samples.get(op).stream().mapToDouble(s -> s[column]).sorted().toArray();
            return v[v.length / 2];
        }
    }

    /**
     * @param args rounds (default 3) and repetitions per round (default 3)
     * @throws Exception when a peer or mpremote fails, or an answer is wrong
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path folder = Files.createTempDirectory("mount-bench");
        StringBuilder big = new StringBuilder("DATA = (\n");
        long total = 0;
        for (int i = 0; big.length() < 16 * 1024 - 40; i++) {
            big.append("    ").append(i * 7919 % 100003).append(",  # entry ").append(i).append('\n');
            total += i * 7919 % 100003;
        }
        big.append(")\nTOTAL = sum(DATA)\n");
        Files.writeString(folder.resolve("big.py"), big);
        byte[] blob = new byte[16 * 1024];
        new Random(129).nextBytes(blob);
        Files.write(folder.resolve("blob.bin"), blob);
        String want = Long.toString(total);
        Runs sdk = new Runs();
        Runs mpremote = new Runs();
        for (int r = 0; r < rounds; r++) {
            sdk(folder, reps, want, sdk);
            mpremote(folder, reps, want, mpremote);
        }
        System.out.printf("module %d bytes, file %d bytes, %d rounds x %d%n", big.length(), blob.length, rounds, reps);
        System.out.println("| operation | SDK | mpremote | SDK / mpremote (speed) | SDK wire bytes (tx/rx) | mpremote wire bytes (tx/rx) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String op : List.of("mount", "import", "read")) {
            double a = sdk.median(op, 0);
            double b = mpremote.median(op, 0);
            System.out.printf("| %s | %.1f ms | %.1f ms | %.2fx | %.0f / %.0f | %.0f / %.0f |%n", op, a * 1e3, b * 1e3, b / a,
                    sdk.median(op, 1), sdk.median(op, 2), mpremote.median(op, 1), mpremote.median(op, 2));
        }
    }

    private static void sdk(Path folder, int reps, String want, Runs runs) throws IOException {
        try (MicroPython129 mp = MicroPython129.start()) {
            MicroPython129Benchmark.CountingTransport wire = new MicroPython129Benchmark.CountingTransport(Transports.open(mp.pty()));
            try (Board board = Board.open(wire)) {
                Repl repl = board.repl();
                repl.softReset();
                long tx = wire.tx();
                long rx = wire.rx();
                long t0 = System.nanoTime();
                try (Mount m = repl.mount(folder)) {
                    runs.add("mount", (System.nanoTime() - t0) / 1e9, wire.tx() - tx, wire.rx() - rx);
                    for (int i = 0; i < reps; i++) {
                        tx = wire.tx();
                        rx = wire.rx();
                        t0 = System.nanoTime();
                        String got = repl.exec("import sys\nsys.modules.pop('big', None)\nimport big\nprint(big.TOTAL)").text().strip();
                        runs.add("import", (System.nanoTime() - t0) / 1e9, wire.tx() - tx, wire.rx() - rx);
                        check("SDK import", want, got);
                        tx = wire.tx();
                        rx = wire.rx();
                        t0 = System.nanoTime();
                        got = repl.exec("print(len(open('blob.bin', 'rb').read()))").text().strip();
                        runs.add("read", (System.nanoTime() - t0) / 1e9, wire.tx() - tx, wire.rx() - rx);
                        check("SDK read", "16384", got);
                    }
                }
            }
        }
        System.out.println("SDK round done");
    }

    private static void mpremote(Path folder, int reps, String want, Runs runs) throws IOException, InterruptedException {
        Path driver = Path.of(MountBenchmark.class.getResource("/bench/mpremote_mount_bench.py").getPath());
        String python = System.getenv().getOrDefault("MPY_BENCH_PYTHON", "/usr/bin/python3");
        try (MicroPython129 mp = MicroPython129.start()) {
            Process p = new ProcessBuilder(python, driver.toString(), mp.pty(), folder.toString(), String.valueOf(reps))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    JsonNode n = json.readTree(line);
                    String op = n.get("op").asText();
                    if (op.equals("import")) {
                        check("mpremote import", want, n.get("out").asText());
                    } else if (op.equals("read")) {
                        check("mpremote read", "16384", n.get("out").asText());
                    }
                    runs.add(op, n.get("seconds").asDouble(), n.get("tx").asLong(), n.get("rx").asLong());
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException("the mpremote driver exited with " + rc);
            }
        }
        System.out.println("mpremote round done");
    }

    private static void check(String what, String want, String got) {
        if (!want.equals(got)) {
            throw new IllegalStateException(what + ": expected " + want + ", got " + got);
        }
    }
}
