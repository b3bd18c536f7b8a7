package org.mpysdk.testkit.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mpysdk.Board;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.Transport;
import org.mpysdk.core.Transports;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplOptions;
import org.mpysdk.testkit.internal.ForwardingTransport;

/**
 * Benchmark (not a test): the SDK and mpremote side by side on MicroPython 1.29 (the qemu peer, a fresh
 * emulator for each tool), both in-process: the exec round trip (a tiny exec, many times, raw REPL entered
 * once) and put and get of a 16 KB random file and a 16 KB text file. The peer has no filesystem, so each
 * run first soft-resets and mounts the RAM filesystem {@code bench/ramfs.py} (test resources) at {@code /}.
 * The SDK runs with its defaults: every submission guarded, every put and get verified end to end
 * (SHA-256). mpremote runs through {@code bench/mpremote_bench.py}, which imports mpremote's own
 * {@code SerialTransport} and calls what {@code mpremote cp} calls ({@code fs_writefile},
 * {@code fs_readfile}). Both sides count the bytes on the wire: a pty has no baud, so bytes per payload
 * byte is what a 115200 line would pay. Prints a Markdown table for docs/performance.md.
 *
 * <p>Run (a built peer: {@code ../shared/peers/build-micropython}; mpremote is in the same fetched tree,
 * or set {@code MPREMOTE_DIR}; Debian's {@code /usr/bin/python3} with python3-serial and
 * python3-platformdirs, or set {@code MPY_BENCH_PYTHON}):
 *
 * <pre>
 * mvn -B -q -pl sdk-testkit -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp sdk-testkit/target/test-classes:sdk-testkit/target/classes:$(cat /tmp/cp.txt) \
 *     org.mpysdk.testkit.qemu.MicroPython129Benchmark [EXECS [REPS [sdk|mpremote|both]]]
 * </pre>
 */
public final class MicroPython129Benchmark {
    private static final int FILE_BYTES = 16 * 1024;
    private static final int LINE_BAUD = 115200;

    private MicroPython129Benchmark() {
    }

    /** One timed operation over all rounds: seconds (median and best) and wire bytes (median) of one run. */
    record Sample(double best, double median, long tx, long rx, long txMax) {
        static Sample of(List<long[]> runs) {
            double[] s = runs.stream().mapToDouble(r -> r[0] / 1e9).sorted().toArray();
            long[] tx = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
            long[] rx = runs.stream().mapToLong(r -> r[2]).sorted().toArray();
            return new Sample(s[0], median(s), tx[tx.length / 2], rx[rx.length / 2], tx[tx.length - 1]);
        }

        private static double median(double[] s) {
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }

    /** Runs of each operation: {nanoseconds, bytes sent, bytes received} per run. */
    static final class Runs {
        private final Map<String, List<long[]>> runs = new LinkedHashMap<>();

        void add(String op, long nanos, long tx, long rx) {
            runs.computeIfAbsent(op, k -> new ArrayList<>()).add(new long[] {nanos, tx, rx});
        }

        Map<String, Sample> samples() {
            Map<String, Sample> out = new LinkedHashMap<>();
            runs.forEach((k, v) -> out.put(k, Sample.of(v)));
            return out;
        }

        boolean isEmpty() {
            return runs.isEmpty();
        }
    }

    /** Counts the bytes each way. */
    static final class CountingTransport extends ForwardingTransport {
        private long tx;
        private long rx;

        CountingTransport(Transport inner) {
            super(inner);
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            tx += len;
            super.write(data, off, len);
        }

        @Override
        public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
            int n = super.read(buf, off, len, timeout);
            rx += Math.max(0, n);
            return n;
        }

        @Override
        public byte[] readUntil(byte[] pattern, Duration timeout) throws IOException {
            byte[] b = super.readUntil(pattern, timeout);
            rx += b.length;
            return b;
        }

        long tx() {
            return tx;
        }

        long rx() {
            return rx;
        }
    }

    /**
     * @param args optional: execs per timed exec loop (default 200), rounds (default 3), and which
     *     side to run: {@code sdk}, {@code mpremote}, {@code both} (the default), {@code unguarded}
     *     (the SDK with the submission guard off, to profile it) or {@code all}
     * @throws Exception when a peer, mpremote or a transfer fails
     */
    public static void main(String[] args) throws Exception {
        int execs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String which = args.length > 2 ? args[2] : "both";
        if (MicroPython129.firmware().isEmpty()) {
            System.err.println("not built: " + MicroPython129.HINT);
            System.exit(2);
        }
        Path work = Files.createTempDirectory("mp129-bench");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("random", randomBytes(FILE_BYTES, 129));
        files.put("text", pythonLikeText(FILE_BYTES, 129));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(work.resolve(e.getKey() + ".bin"), e.getValue());
        }
        boolean all = which.equals("all");
        Runs sdkRuns = new Runs();
        Runs refRuns = new Runs();
        Runs unguardedRuns = new Runs();
        // Rounds alternate between the tools, so a change in the machine's load hits both alike.
        for (int round = 0; round < reps; round++) {
            if (all || which.equals("both") || which.equals("sdk")) {
                sdk(work, files, execs, ReplOptions.defaults(), sdkRuns);
            }
            if (all || which.equals("both") || which.equals("mpremote")) {
                mpremote(work, files, execs, refRuns);
            }
            if (all || which.equals("unguarded")) {
                sdk(work, files, execs, ReplOptions.defaults().withGuard(false), unguardedRuns);
            }
        }
        Map<String, Sample> sdk = sdkRuns.samples();
        Map<String, Sample> ref = refRuns.samples();
        Map<String, Sample> unguarded = unguardedRuns.samples();
        System.out.printf("%n%d execs per loop, %d rounds, a fresh peer per tool and round (median; best in brackets),"
                + " %d-byte files, MicroPython 1.29 qemu mps2-an385 over a pty, %s%n", execs, reps, FILE_BYTES, java.time.Instant.now());
        System.out.println("| operation | SDK | mpremote | SDK / mpremote | SDK wire bytes per payload byte"
                + " | mpremote wire bytes per payload byte |");
        System.out.println("|---|---|---|---|---|---|");
        for (String key : union(sdk, ref)) {
            Sample s = sdk.get(key);
            Sample m = ref.get(key);
            boolean exec = key.equals("exec");
            String ratio = s != null && m != null ? String.format("%.2fx", m.median() / s.median()) : "-";
            System.out.printf("| %s | %s | %s | %s | %s | %s |%n", key, cell(s, exec, execs), cell(m, exec, execs), ratio,
                    perByte(s, key, execs), perByte(m, key, execs));
        }
        if (!unguarded.isEmpty()) {
            System.out.println("\nguard off (profiling):");
            unguarded.forEach((k, v) -> System.out.println(k + " " + cell(v, k.equals("exec"), execs) + " " + perByte(v, k, execs)));
        }
    }

    private static List<String> union(Map<String, Sample> a, Map<String, Sample> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return keys;
    }

    private static String cell(Sample s, boolean exec, int execs) {
        if (s == null) {
            return "-";
        }
        if (exec) {
            return String.format("%.2f ms (%.2f)", 1000 * s.median() / execs, 1000 * s.best() / execs);
        }
        return String.format("%.1f KB/s (%.1f)", FILE_BYTES / 1024.0 / s.median(), FILE_BYTES / 1024.0 / s.best());
    }

    /** Bytes on the wire in the direction that carries the payload (tx for put, rx for get); per exec for exec. */
    private static String perByte(Sample s, String key, int execs) {
        if (s == null) {
            return "-";
        }
        if (key.equals("exec")) {
            return String.format("%d + %d per exec", s.tx() / execs, s.rx() / execs);
        }
        long payloadWay = key.startsWith("put") ? s.tx() : s.rx();
        long other = key.startsWith("put") ? s.rx() : s.tx();
        double per = payloadWay / (double) FILE_BYTES;
        String worst = s.txMax() > s.tx() * 1.02 && key.startsWith("put")
                ? String.format(", worst %.2f", s.txMax() / (double) FILE_BYTES) : "";
        return String.format("%.2f (+%d back%s; %.1f KB/s at %d)", per, other, worst, LINE_BAUD / 10.0 / per / 1024, LINE_BAUD);
    }

    // ---------------------------------------------------------------- the SDK

    private static void sdk(Path work, Map<String, byte[]> files, int execs, ReplOptions options, Runs runs)
            throws IOException {
        try (MicroPython129 mp = MicroPython129.start()) {
            CountingTransport wire = new CountingTransport(Transports.open(mp.pty()));
            Cancellation cancel = new Cancellation();
            try (Board board = Board.open(wire)) {
                Repl repl = new Repl(wire, options, () -> ProgressListener.NONE, () -> cancel);
                repl.softReset(); // a fresh heap, as mpremote's enter_raw_repl gives
                repl.exec(resource("ramfs.py"));
                BoardFiles fs = repl.files();
                fs.features();
                repl.exec("pass");
                long tx0 = wire.tx();
                long rx0 = wire.rx();
                long t0 = System.nanoTime();
                for (int i = 0; i < execs; i++) {
                    repl.exec("pass");
                }
                runs.add("exec", System.nanoTime() - t0, wire.tx() - tx0, wire.rx() - rx0);
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    Path src = work.resolve(e.getKey() + ".bin");
                    Path back = work.resolve(e.getKey() + ".back");
                    String remote = "/bench_" + e.getKey();
                    tx0 = wire.tx();
                    rx0 = wire.rx();
                    t0 = System.nanoTime();
                    fs.put(src, remote);
                    runs.add("put " + e.getKey(), System.nanoTime() - t0, wire.tx() - tx0, wire.rx() - rx0);
                    tx0 = wire.tx();
                    rx0 = wire.rx();
                    t0 = System.nanoTime();
                    fs.get(remote, back);
                    runs.add("get " + e.getKey(), System.nanoTime() - t0, wire.tx() - tx0, wire.rx() - rx0);
                    if (!Arrays.equals(e.getValue(), Files.readAllBytes(back))) {
                        throw new IllegalStateException("SDK: " + e.getKey() + " came back different");
                    }
                    // The RAM filesystem keeps files in the heap: free it as mpremote's 'wb' does.
                    fs.rm(remote);
                }
                System.out.println((options.guarded() ? "SDK" : "SDK unguarded") + " round done, raw-paste " + repl.rawPaste());
            }
        }
    }

    // ---------------------------------------------------------------- mpremote

    private static void mpremote(Path work, Map<String, byte[]> files, int execs, Runs runs)
            throws IOException, InterruptedException {
        Path driver = resourcePath("mpremote_bench.py");
        String python = System.getenv().getOrDefault("MPY_BENCH_PYTHON", "/usr/bin/python3");
        try (MicroPython129 mp = MicroPython129.start()) {
            List<String> cmd = new ArrayList<>(List.of(python, driver.toString(), mp.pty(), String.valueOf(execs), "1"));
            for (String name : files.keySet()) {
                cmd.add(name + "=" + work.resolve(name + ".bin"));
            }
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    JsonNode n = json.readTree(line);
                    String op = n.get("op").asText();
                    if (op.equals("info")) {
                        continue;
                    }
                    if (n.has("ok") && !n.get("ok").asBoolean()) {
                        throw new IllegalStateException("mpremote: " + line);
                    }
                    String key = n.has("file") ? op + " " + n.get("file").asText() : op;
                    runs.add(key, (long) (n.get("seconds").asDouble() * 1e9), n.get("tx").asLong(), n.get("rx").asLong());
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException("the mpremote driver exited with " + rc + (rc == 2 ? " (mpremote missing: see above)" : ""));
            }
            System.out.println("mpremote round done");
        }
    }

    // ---------------------------------------------------------------- data

    private static String resource(String name) throws IOException {
        try (InputStream in = MicroPython129Benchmark.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource bench/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path resourcePath(String name) throws IOException {
        try {
            return Path.of(MicroPython129Benchmark.class.getResource("/bench/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("missing test resource bench/" + name, e);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Python-like source text: indented lines of identifiers, numbers and strings (compresses about 3:1). */
    static byte[] pythonLikeText(int n, long seed) {
        String[] words = {"def", "return", "self", "value", "index", "for", "in", "range", "if", "else", "print",
            "import", "machine", "pin", "sensor", "read", "write", "buffer", "len", "None", "True", "False",
            "while", "try", "except", "OSError", "time", "sleep_ms", "config", "data", "=", "+", "(", ")", ":", ","};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 100);
        while (sb.length() < n) {
            sb.append(" ".repeat(4 * r.nextInt(3)));
            int k = 2 + r.nextInt(8);
            for (int i = 0; i < k; i++) {
                int pick = r.nextInt(words.length + 4);
                if (pick < words.length) {
                    sb.append(words[pick]);
                } else if (pick == words.length) {
                    sb.append(r.nextInt(1000));
                } else {
                    sb.append("'").append(words[r.nextInt(words.length)]).append("_").append(r.nextInt(100)).append("'");
                }
                sb.append(i + 1 < k ? " " : "\n");
            }
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), n);
    }
}
