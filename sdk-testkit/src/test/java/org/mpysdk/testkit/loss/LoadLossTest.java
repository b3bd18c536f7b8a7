package org.mpysdk.testkit.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.Transport;
import org.mpysdk.core.Transports;
import org.mpysdk.testkit.micropython.MicroPythonTransport;
import org.mpysdk.testkit.qemu.MicroPython129;
import org.mpysdk.testkit.qemu.QemuMicrobit;

/**
 * Proof under load: the REPL and file transfers against each real MicroPython peer through a
 * {@link LossyTransport} (one byte in N dropped or bit-flipped each way) while a {@link CpuBurner}
 * keeps every core busy. Every exec must give the right output or a typed error, every transfer the
 * right bytes or a typed error; the counts go to stdout and {@code target/load-loss/PEER.txt}.
 *
 * <p>Opt-in (it takes minutes): {@code mvn -B -pl sdk-testkit -am verify -Dmpysdk.loadLoss=true
 * -Dtest='LoadLoss*' -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dmpysdk.loadLoss.seconds=90}
 * (per peer), {@code -Dmpysdk.loadLoss.oneIn=1000}, {@code -Dmpysdk.loadLoss.seed=12} and
 * {@code -Dmpysdk.loadLoss.link=tcp} (through a {@link LossyRelay}) change the run.
 */
@Tag("load-loss")
@EnabledIfSystemProperty(named = "mpysdk.loadLoss", matches = "true")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LoadLossTest {
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("mpysdk.loadLoss.seconds", 90));
    private static final int ONE_IN = Integer.getInteger("mpysdk.loadLoss.oneIn", 1000);
    private static final long SEED = Long.getLong("mpysdk.loadLoss.seed", 12);
    /** {@code -Dmpysdk.loadLoss.link=tcp}: the SDK reaches the lossy link over TCP ({@link LossyRelay}), as with ser2net. */
    private static final boolean TCP = "tcp".equals(System.getProperty("mpysdk.loadLoss.link"));

    @Test
    void wasmMicroPython127(@TempDir Path tmp) throws IOException {
        run("wasm MicroPython 1.27 (virtual:micropython)", "wasm-1.27", MicroPythonTransport.start(),
                new LoadLossRun.Limits(64, 2048, 40, true), null, tmp);
    }

    @Test
    void qemuMicrobit192(@TempDir Path tmp) throws IOException {
        QemuMicrobit.require();
        try (QemuMicrobit qemu = QemuMicrobit.start()) {
            run("MicroPython 1.9.2 micro:bit in QEMU", "qemu-microbit-1.9.2", Transports.open(qemu.pty()),
                    new LoadLossRun.Limits(16, 400, 12, false), null, tmp);
        }
    }

    @Test
    void qemuMicroPython129(@TempDir Path tmp) throws IOException {
        try (MicroPython129 mp = MicroPython129.start()) {
            String ramfs;
            try (InputStream in = LoadLossTest.class.getResourceAsStream("/bench/ramfs.py")) {
                ramfs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            run("MicroPython 1.29 mps2-an385 in QEMU", "qemu-1.29", Transports.open(mp.pty()),
                    new LoadLossRun.Limits(64, 2048, 40, true), ramfs, tmp);
        }
    }

    private static void run(String peerName, String fileName, Transport inner, LoadLossRun.Limits limits, String setup, Path tmp)
            throws IOException {
        String peer = peerName;
        String file = fileName;
        LossProfile profile = LossProfile.oneIn(ONE_IN, SEED);
        LossyRelay relay = null;
        LossyTransport link;
        Transport sdkSide;
        if (TCP) {
            relay = LossyRelay.start(inner, profile);
            link = relay.link();
            sdkSide = Transports.open("socket://127.0.0.1:" + relay.port());
            peer += ", over a TCP relay";
            file += "-tcp";
        } else {
            link = new LossyTransport(inner, profile);
            sdkSide = link;
        }
        Tally t;
        try (Board board = Board.open(sdkSide)) {
            LoadLossRun run = new LoadLossRun(peer, board, link, new Random(SEED), limits, tmp);
            run.setUp(setup);
            int cores = Runtime.getRuntime().availableProcessors();
            try (CpuBurner burner = CpuBurner.start(cores, BUDGET.plusSeconds(120))) {
                t = run.run(BUDGET);
                CpuBurner.Report r = burner.report();
                t.burner = r.threads() + " burner threads on " + cores + " cores, " + r.spins() / 1_000_000 + " M spins";
            }
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
        String summary = Instant.now() + " " + t.summary();
        System.out.println(summary);
        Path out = Path.of("target", "load-loss");
        Files.createDirectories(out);
        Files.writeString(out.resolve(file + ".txt"), summary);
        assertEquals(0, t.execsWrong + t.transfersWrong, "wrong results\n" + summary);
        assertEquals(0, t.reentryFailures, "calls that failed after a typed failure\n" + summary);
    }
}
