package org.mpysdk.testkit.webrepl;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.mpysdk.Board;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.MicroPythonWebReplServer;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplFiles;

/**
 * Benchmark (a main, not a test): the SDK against MicroPython's own WebREPL server on loopback, side by
 * side with {@code webrepl_cli.py} in the same run: exec round trip, login to first exec, GET and PUT of
 * 200 KB. Prints a Markdown table for {@code docs/performance.md}.
 *
 * <pre>
 * mvn -B -q -pl sdk-testkit -am test-compile
 * mvn -B -q -pl sdk-testkit exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mpysdk.testkit.webrepl.WebReplRealServerBenchmark -Dexec.args=/tmp/webrepl/webrepl_cli.py
 * </pre>
 *
 * <p>The argument is {@code webrepl_cli.py} from micropython/webrepl (it runs with {@code /usr/bin/python3});
 * without it only the SDK is measured. The server must be built ({@link BuiltPeers#webReplServerScript()}).
 */
public final class WebReplRealServerBenchmark {
    private static final String PASSWORD = "bench1";
    private static final int SIZE = 200 * 1024;

    private WebReplRealServerBenchmark() {
    }

    /**
     * Runs the measurements and prints the table.
     *
     * @param args optional: the path of {@code webrepl_cli.py}
     * @throws Exception when the server is missing or a measurement fails
     */
    public static void main(String[] args) throws Exception {
        Path script = BuiltPeers.webReplServerScript().orElseThrow(() -> new IllegalStateException(
                "built peer missing: " + BuiltPeers.WEBREPL_SERVER_HINT));
        Path cli = args.length > 0 ? Path.of(args[0]) : null;
        byte[] data = new byte[SIZE];
        new Random(13).nextBytes(data);
        Path local = Files.createTempFile("webrepl-bench", ".bin");
        Files.write(local, data);
        System.out.println("JVM " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, host " + InetAddress.getLocalHost().getHostName() + ", load " + loadAverage());
        try (MicroPythonWebReplServer server = MicroPythonWebReplServer.start(script, PASSWORD)) {
            long[] login = new long[11];
            for (int i = 0; i < login.length; i++) {
                long t0 = System.nanoTime();
                try (Board board = Board.open(server.uri(), WebRepl.password(PASSWORD))) {
                    board.repl().exec("x = 1");
                    login[i] = System.nanoTime() - t0;
                }
            }
            long coldLogin = login[0];
            long[] warmLogin = Arrays.copyOfRange(login, 1, login.length);

            long[] exec = new long[101];
            long[] put = new long[5];
            long[] get = new long[5];
            try (Board board = Board.open(server.uri(), WebRepl.password(PASSWORD))) {
                Repl repl = board.repl();
                for (int i = 0; i < 20; i++) {
                    repl.exec("x = 1");
                }
                for (int i = 0; i < exec.length; i++) {
                    long t0 = System.nanoTime();
                    repl.exec("x = 1");
                    exec[i] = System.nanoTime() - t0;
                }
                WebReplFiles files = WebRepl.files(board);
                files.put(data, "/warm.bin");
                files.get("/warm.bin");
                for (int i = 0; i < put.length; i++) {
                    long t0 = System.nanoTime();
                    files.put(data, "/bench.bin");
                    put[i] = System.nanoTime() - t0;
                    long t1 = System.nanoTime();
                    byte[] back = files.get("/bench.bin");
                    get[i] = System.nanoTime() - t1;
                    if (!Arrays.equals(data, back)) {
                        throw new IllegalStateException("the round trip changed the data");
                    }
                }
            }
            double cliPut = Double.NaN;
            double cliGet = Double.NaN;
            if (cli != null) {
                long[] cp = new long[3];
                for (int i = 0; i < cp.length; i++) {
                    cp[i] = runCli(cli, local.toString(), "127.0.0.1:" + server.port() + ":/cli.bin");
                }
                cliPut = median(cp);
                Path back = Files.createTempFile("webrepl-bench-back", ".bin");
                cliGet = runCli(cli, "127.0.0.1:" + server.port() + ":/cli.bin", back.toString());
                if (!Arrays.equals(data, Files.readAllBytes(back))) {
                    throw new IllegalStateException("webrepl_cli's get changed the data");
                }
                Files.delete(back);
            }
            System.out.println();
            System.out.println("| measurement (loopback, MicroPython 1.29 unix port) | SDK | webrepl_cli | target |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| exec round trip (`x = 1`), median / 90th percentile of %d | %.2f ms / %.2f ms | (no exec) | < 5 ms |%n",
                    exec.length, median(exec) / 1e6, percentile(exec, 0.9) / 1e6);
            System.out.printf("| login to first exec: first in the JVM / median of %d more | %.0f ms / %.1f ms | (no exec) | < 300 ms |%n",
                    warmLogin.length, coldLogin / 1e6, median(warmLogin) / 1e6);
            System.out.printf("| GET 200 KB, median of %d | %.0f ms = %.0f KB/s | %s | >= 200 KB/s |%n", get.length,
                    median(get) / 1e6, rate(median(get)), cli == null ? "-" : String.format("%.1f s = %.1f KB/s (one run, whole process)", cliGet / 1e9, rate(cliGet)));
            System.out.printf("| PUT 200 KB, median of %d | %.0f ms = %.0f KB/s | %s | >= webrepl_cli |%n", put.length,
                    median(put) / 1e6, rate(median(put)), cli == null ? "-" : String.format("%.0f ms = %.0f KB/s (median of 3, whole process)", cliPut / 1e6, rate(cliPut)));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private static long runCli(Path cli, String from, String to) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("/usr/bin/python3", cli.toString(), "-p", PASSWORD, from, to)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("webrepl_cli " + from + " " + to + " failed");
        }
        return System.nanoTime() - t0;
    }

    private static double rate(double nanos) {
        return SIZE / 1024.0 / (nanos / 1e9);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(long[] v) {
        return percentile(v, 0.5);
    }

    private static double percentile(long[] v, double q) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }
}
