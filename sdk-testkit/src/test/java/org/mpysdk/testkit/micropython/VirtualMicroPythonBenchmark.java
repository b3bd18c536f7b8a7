package org.mpysdk.testkit.micropython;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpysdk.Board;
import org.mpysdk.core.repl.Repl;

/**
 * Benchmark (a main, not a test): start-up of the first and further virtual MicroPython boards,
 * {@code sum(range(100000))} and 100,000 Python function calls against the same wasm under node, the
 * exec round trip, and memory per board. Run it with the JVM flag the testkit documents:
 *
 * <pre>
 * mvn -q -pl sdk-testkit test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -XX:-DontCompileHugeMethods -cp sdk-testkit/target/test-classes:sdk-testkit/target/classes:$(cat sdk-testkit/target/cp.txt) \
 *     org.mpysdk.testkit.micropython.VirtualMicroPythonBenchmark
 * </pre>
 */
public final class VirtualMicroPythonBenchmark {
    /**
     * Python code timed on the board itself ({@code time.ticks_ms}), so the transport is not counted.
     *
     * @param name what the table calls it
     * @param setup run once before
     * @param timed one statement, run {@code repeats} times per measurement
     * @param repeats runs per measurement (the result is divided by it)
     */
    private record Workload(String name, String setup, String timed, int repeats) {
        String code() {
            return "t=time.ticks_ms()\nfor _ in range(" + repeats + "): " + timed + "\nprint(time.ticks_diff(time.ticks_ms(), t))";
        }
    }

    // A C loop inside the interpreter, and Python function calls (each goes through several invoke_* trampolines).
    private static final List<Workload> WORKLOADS = List.of(
            new Workload("sum(range(100000))", "import time", "sum(range(100000))", 10),
            new Workload("100000 calls f(i)", "import time\ndef f(x):\n    return x + 1\ndef calls():\n    for i in range(100000):\n        f(i)",
                    "calls()", 1));
    private static final int WARMUP = 30;
    private static final int RUNS = 20;
    private static final int FRESH_JVMS = 10;
    private static final String FIRST_ONLY = "first";

    private VirtualMicroPythonBenchmark() {
    }

    /**
     * Runs every measurement and prints a table; with the argument {@code first}, only starts one
     * board and prints its start-up time in milliseconds (what the full run measures in fresh JVMs).
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(FIRST_ONLY)) {
            long t = System.nanoTime();
            MicroPythonTransport.start().close();
            System.out.println(ms(System.nanoTime() - t));
            return;
        }
        boolean hugeMethods = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:-DontCompileHugeMethods");
        System.out.println("JVM " + System.getProperty("java.version") + ", -XX:-DontCompileHugeMethods "
                + (hugeMethods ? "set" : "NOT set (expect 4-16x slower compute)") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");

        long t0 = System.nanoTime();
        MicroPythonTransport first = MicroPythonTransport.start();
        double firstMs = ms(System.nanoTime() - t0);
        System.out.printf("image: %s%n", MicroPythonImages.get().origin());
        System.out.printf("first board start:          %8.1f ms (this JVM)%n", firstMs);
        double[] fresh = firstBoardInFreshJvms(FRESH_JVMS);
        if (fresh.length > 0) {
            System.out.printf("first board, fresh JVMs:    %8.1f ms median (min %.1f, max %.1f, n=%d)%n",
                    median(fresh), Arrays.stream(fresh).min().orElse(0), Arrays.stream(fresh).max().orElse(0), fresh.length);
        }

        double[] further = new double[10];
        for (int i = 0; i < further.length; i++) {
            long t = System.nanoTime();
            MicroPythonTransport.start().close();
            further[i] = ms(System.nanoTime() - t);
        }
        System.out.printf("further board start:        %8.1f ms median (min %.1f, max %.1f, n=%d)%n",
                median(further), Arrays.stream(further).min().orElse(0), Arrays.stream(further).max().orElse(0), further.length);

        try (Board board = Board.open(first)) {
            Repl repl = board.repl();
            for (Workload w : WORKLOADS) {
                double java = jvmMillis(repl, w);
                double node = nodeMillis(w);
                System.out.printf("%-27s JVM %8.2f ms median of %d after %d warm-up runs%n", w.name(), java, RUNS, WARMUP);
                if (node > 0) {
                    System.out.printf("%-27s node %7.2f ms (same wasm, same method) -> JVM/node = %.2f%n", w.name(), node, java / node);
                } else {
                    System.out.printf("%-27s node not measured (node or the wasm package missing)%n", w.name());
                }
            }
            double[] rt = new double[2000];
            for (int i = 0; i < 200; i++) {
                repl.exec("pass");
            }
            for (int i = 0; i < rt.length; i++) {
                long t = System.nanoTime();
                repl.exec("pass");
                rt[i] = ms(System.nanoTime() - t);
            }
            System.out.printf("exec round trip (Repl):     %8.3f ms median (p90 %.3f)%n", median(rt), percentile(rt, 0.9));
        }
        memory();
    }

    private static double jvmMillis(Repl repl, Workload w) throws IOException {
        repl.exec(w.setup());
        for (int i = 0; i < WARMUP; i++) {
            repl.exec(w.code(), Duration.ofMinutes(2));
        }
        double[] runs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            runs[i] = Double.parseDouble(repl.exec(w.code(), Duration.ofMinutes(2)).stdout().strip()) / w.repeats();
        }
        return median(runs);
    }

    /** @return the first board's start-up in each of {@code n} new JVMs with this JVM's class path and flags */
    private static double[] firstBoardInFreshJvms(int n) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VirtualMicroPythonBenchmark.class.getName(), FIRST_ONLY));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.out.println("fresh JVM failed: " + text);
                return new double[0];
            }
            String[] lines = text.split("\\R");
            out[i] = Double.parseDouble(lines[lines.length - 1]);
        }
        return out;
    }

    /** @return the same measurement under node with MicroPython's own JavaScript loader, or -1 */
    private static double nodeMillis(Workload w) throws IOException, InterruptedException {
        Path wasm = MicroPythonWasm.find().orElse(null);
        if (wasm == null || !Peers_onPath("node")) {
            return -1;
        }
        Path mjs = wasm.resolveSibling("micropython.mjs");
        Path script = Files.createTempFile("mpy-bench", ".mjs");
        try {
            Files.writeString(script, String.join("\n",
                    "const { loadMicroPython } = await import(" + quoted(mjs.toUri().toString()) + ");",
                    "let out = '';",
                    "const dec = new TextDecoder();",
                    "const mp = await loadMicroPython({ stdout: (d) => { out += dec.decode(d); }, linebuffer: false });",
                    "mp.runPython(" + quoted(w.setup()) + ");",
                    "const code = " + quoted(w.code()) + ";",
                    "for (let i = 0; i < " + WARMUP + "; i++) { mp.runPython(code); }",
                    "out = '';",
                    "for (let i = 0; i < " + RUNS + "; i++) { mp.runPython(code); }",
                    "console.log(out.trim().split(/\\s+/).join(' '));"));
            Process p = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.out.println("node failed: " + text);
                return -1;
            }
            double[] runs = Arrays.stream(text.split("\\s+")).mapToDouble(s -> Double.parseDouble(s) / w.repeats()).toArray();
            return median(runs);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static void memory() throws IOException {
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        List<MicroPythonTransport> boards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boards.add(MicroPythonTransport.start());
        }
        long after = used(rt);
        System.out.printf("Java heap per idle board:   %8.1f MiB (10 boards)%n",
                (after - before) / 10.0 / (1 << 20));
        boards.forEach(MicroPythonTransport::close);
    }

    private static long used(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static boolean Peers_onPath(String exe) {
        return org.mpysdk.testkit.Peers.onPath(exe);
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
