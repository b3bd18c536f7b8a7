package org.mpysdk.testkit.qemu;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mpysdk.Board;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs REPL latencies and transfer rates against QEMU (a measurement, not a timed assertion). */
@Tag("peer")
@ExtendWith(QemuMicrobitExtension.class)
@Timeout(120)
class ReplQemuTimingProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ReplQemuTimingProbe.class);

    @Test
    void measure(QemuMicrobit qemu) throws IOException {
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            try (Board board = Board.open(qemu.pty())) {
                long t1 = System.nanoTime();
                String two = board.repl().exec("print(1+1)").text();
                long t2 = System.nanoTime();
                long[] each = new long[50];
                for (int i = 0; i < each.length; i++) {
                    long s = System.nanoTime();
                    board.repl().exec("x=1");
                    each[i] = System.nanoTime() - s;
                }
                Arrays.sort(each);
                byte[] data = new byte[10 * 1024];
                new java.util.Random(1).nextBytes(data);
                board.repl().exec("import os\nfor n in os.listdir():\n os.remove(n)");
                board.repl().files().features();
                long p0 = System.nanoTime();
                try {
                    board.repl().files().put(data, "t.bin");
                } catch (IOException e) {
                    // The micro:bit's 9 KB heap can fragment; a measurement run reports it instead of failing.
                    LOG.warn("put failed: {}", e.getMessage());
                    continue;
                }
                long p1 = System.nanoTime();
                byte[] back = board.repl().files().cat("t.bin");
                long p2 = System.nanoTime();
                LOG.warn("open {} ms, first exec {} ms ({}), median exec {} ms, put 10 KB {} ms ({} KB/s), get {} ms ({} KB/s), same={}",
                        ms(t1 - t0), ms(t2 - t1), two, ms(each[each.length / 2]), ms(p1 - p0), kbs(data.length, p1 - p0),
                        ms(p2 - p1), kbs(data.length, p2 - p1), Arrays.equals(data, back));
            }
            long t3 = System.nanoTime();
            LOG.warn("close took {} ms", ms(t3 - t0));
        }
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    private static String kbs(long bytes, long nanos) {
        return String.format("%.1f", bytes / 1024.0 / (nanos / 1e9));
    }
}
