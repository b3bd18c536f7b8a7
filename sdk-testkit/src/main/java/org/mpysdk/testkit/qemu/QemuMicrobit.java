package org.mpysdk.testkit.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.Board;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.Transport;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.serial.ExternalProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real MicroPython v1.9.2 (Debian's micro:bit firmware) running in QEMU, reachable on a pseudo-terminal.
 *
 * <pre>{@code
 * try (QemuMicrobit qemu = QemuMicrobit.start()) {
 *     try (Board board = Board.open(qemu.pty())) {
 *         board.repl().exec("print(1+1)");
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns once the friendly REPL answers; {@link #close()} stops QEMU (forcibly if
 * needed), and a JVM shutdown hook kills it if the test run dies first.
 */
public final class QemuMicrobit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QemuMicrobit.class);
    /** The emulator binary. */
    public static final String QEMU = "qemu-system-arm";
    /** Debian's micro:bit MicroPython image (package firmware-microbit-micropython). */
    public static final Path FIRMWARE = Path.of("/usr/share/firmware-microbit-micropython/firmware.hex");
    private static final Pattern PTY = Pattern.compile("redirected to (/dev/pts/\\d+)");
    private static final byte[] PROMPT = ">>> ".getBytes(StandardCharsets.US_ASCII);

    private final ExternalProcess process;
    private final String pty;
    private java.io.FileInputStream keeper;

    private QemuMicrobit(ExternalProcess process, String pty) {
        this.process = process;
        this.pty = pty;
    }

    /** @return whether QEMU and the firmware are installed */
    public static boolean available() {
        return Peers.onPath(QEMU) && Files.isReadable(FIRMWARE);
    }

    /** Skips the test (fails it under CI=true) when QEMU or the firmware is missing. */
    public static void require() {
        Peers.require(available(), "QEMU micro:bit MicroPython (apt-get install qemu-system-arm firmware-microbit-micropython)");
    }

    /**
     * Starts QEMU and waits until MicroPython's prompt answers (at most 20 s).
     *
     * @return the running emulator; close it to stop QEMU
     * @throws IOException when QEMU does not start or MicroPython does not answer; QEMU is stopped then
     */
    public static QemuMicrobit start() throws IOException {
        ExternalProcess p = ExternalProcess.start(List.of(QEMU, "-M", "microbit", "-device",
                "loader,file=" + FIRMWARE, "-nographic", "-serial", "pty", "-monitor", "none"));
        try {
            Matcher m = PTY.matcher(p.awaitLine(l -> PTY.matcher(l).find(), Duration.ofSeconds(10)));
            if (!m.find()) {
                throw new IOException("QEMU printed no pty path");
            }
            QemuMicrobit q = new QemuMicrobit(p, m.group(1));
            // QEMU stops reading a pty whose other side nobody holds and looks again only once a second;
            // a descriptor that stays open (and never reads) keeps it connected between test boards.
            q.keeper = new java.io.FileInputStream(q.pty);
            q.awaitPrompt(Duration.ofSeconds(20));
            LOG.debug("QEMU micro:bit (pid {}) ready on {}", p.pid(), q.pty);
            return q;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * Waits until the friendly prompt answers a Ctrl-C. Right after boot the first Ctrl-C can be lost,
     * so {@code \r\x03\x03} is repeated until {@code >>> } comes back.
     */
    private void awaitPrompt(Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        try (Board board = Board.open(pty)) {
            Transport t = board.transport();
            while (true) {
                t.write(new byte[] {'\r', 0x03, 0x03});
                try {
                    t.readUntil(PROMPT, Duration.ofMillis(Math.min(300, Math.max(1, deadline.remainingMillis()))));
                    t.discardInput();
                    return;
                } catch (OperationTimeoutException e) {
                    if (deadline.expired() || !process.isAlive()) {
                        throw new IOException("MicroPython in QEMU did not answer on " + pty + " within "
                                + timeout.toMillis() + " ms (QEMU alive: " + process.isAlive() + ")", e);
                    }
                }
            }
        }
    }

    /** @return the pseudo-terminal MicroPython's UART is on, for {@link Board#open(String, org.mpysdk.core.BoardOption...)} */
    public String pty() {
        return pty;
    }

    /** @return whether QEMU still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return QEMU's process id */
    public long pid() {
        return process.pid();
    }

    /** Stops QEMU: politely, then forcibly. Idempotent. */
    @Override
    public void close() {
        process.close();
        java.io.FileInputStream k = keeper;
        keeper = null;
        if (k != null) {
            try {
                k.close();
            } catch (IOException e) {
                LOG.debug("closing the pty keeper of {}: {}", pty, e.toString());
            }
        }
    }
}
