package org.mpysdk.testkit.webrepl;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mpysdk.Board;
import org.mpysdk.core.Transports;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.testkit.micropython.MicroPythonTransport;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplFiles;
import org.mpysdk.webrepl.WebReplTransportProvider;

/**
 * Benchmark (a main, not a test): WebREPL put and get throughput for 100 KB and 1 MB through
 * {@link WebReplServer} on loopback, and the exec round trip over WebREPL with MicroPython 1.27 (the
 * virtual board) as the server's terminal. Prints medians of several runs after a warm-up.
 *
 * <pre>
 * mvn -q -pl sdk-testkit test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -XX:-DontCompileHugeMethods -cp sdk-testkit/target/test-classes:sdk-testkit/target/classes:$(cat sdk-testkit/target/cp.txt) \
 *     org.mpysdk.testkit.webrepl.WebReplBenchmark
 * </pre>
 *
 * <p>What bounds the numbers: a put streams 1 KB binary frames with no per-chunk answer (TCP flow
 * control only); a get is one round trip per 256-byte chunk (the protocol's {@code \0} request), so on
 * Wi-Fi its rate is about 256 bytes per round-trip time.
 */
public final class WebReplBenchmark {
    private static final String PASSWORD = "bench1";
    private static final int RUNS = 7;

    private WebReplBenchmark() {
    }

    /** Runs the measurements and prints a table. */
    public static void main(String[] args) throws Exception {
        System.out.println("JVM " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        try (PipeTerminal terminal = new PipeTerminal(false);
             WebReplServer server = WebReplServer.builder().password(PASSWORD).terminal(terminal).start();
             Board board = open(server)) {
            WebReplFiles files = WebRepl.files(board);
            for (int size : new int[] {100 * 1024, 1024 * 1024}) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                for (int i = 0; i < 3; i++) {
                    files.put(data, "/w.bin");
                    files.get("/w.bin");
                }
                long[] put = new long[RUNS];
                long[] get = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    files.put(data, "/bench.bin");
                    long t1 = System.nanoTime();
                    byte[] back = files.get("/bench.bin");
                    long t2 = System.nanoTime();
                    if (!Arrays.equals(data, back)) {
                        throw new IllegalStateException("round trip changed the data");
                    }
                    put[i] = t1 - t0;
                    get[i] = t2 - t1;
                }
                System.out.printf("put %5d KB: median %7.1f ms = %6.2f MB/s%n", size / 1024, median(put) / 1e6, size / (median(put) / 1e9) / 1e6);
                System.out.printf("get %5d KB: median %7.1f ms = %6.2f MB/s (%d round trips of 256 bytes, %.1f us each)%n",
                        size / 1024, median(get) / 1e6, size / (median(get) / 1e9) / 1e6, size / 256 + 1,
                        median(get) / 1e3 / (size / 256 + 1));
            }
        }
        try (MicroPythonTransport micropython = MicroPythonTransport.start();
             WebReplServer server = WebReplServer.builder().password(PASSWORD).terminal(micropython).start();
             Board board = open(server)) {
            Repl repl = board.repl();
            for (int i = 0; i < 30; i++) {
                repl.exec("x = 1");
            }
            long[] exec = new long[50];
            for (int i = 0; i < exec.length; i++) {
                long t0 = System.nanoTime();
                repl.exec("x = 1");
                exec[i] = System.nanoTime() - t0;
            }
            System.out.printf("exec round trip over WebREPL (MicroPython 1.27 in the JVM): median %.2f ms%n", median(exec) / 1e6);
            StringBuilder script = new StringBuilder("t = 0\n");
            while (script.length() < 100_000) {
                script.append("t += 1  # padding padding padding padding padding\n");
            }
            long t0 = System.nanoTime();
            repl.exec(script.toString(), Duration.ofSeconds(120));
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("exec of a %d-byte script over WebREPL: %.2f s = %.1f KB/s (input pacing: 255 bytes per 10 ms)%n",
                    script.length(), s, script.length() / s / 1024);
        }
    }

    private static Board open(WebReplServer server) throws IOException {
        return Board.open(Transports.open(server.uri(), List.of(new WebReplTransportProvider()), WebRepl.password(PASSWORD)));
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
