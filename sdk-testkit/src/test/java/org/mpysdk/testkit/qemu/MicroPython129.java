package org.mpysdk.testkit.qemu;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.serial.ExternalProcess;

/**
 * MicroPython 1.29 (its qemu port, board MPS2_AN385, a Cortex-M3) under qemu-system-arm with its UART
 * on a pty: the command line of {@code ../shared/peers/mp-qemu-pty}. A built peer: tests skip where it
 * is not built. It has raw-paste (window 128) and a real soft reset, no filesystem at boot, about 140 KB
 * of heap, and ignores Ctrl-C while code runs. Idle, it keeps half a host core busy: close it after use.
 *
 * <pre>{@code
 * try (MicroPython129 mp = MicroPython129.start(); Board board = Board.open(mp.pty())) { ... }
 * }</pre>
 */
public final class MicroPython129 implements AutoCloseable {
    /** How to get it, for the skip message. */
    public static final String HINT = "MicroPython 1.29's qemu port: fetch micropython/micropython, micropython/micropython-lib and "
            + "micropython/axtls, then run ../shared/peers/build-micropython MP_GIT LIB_GIT AXTLS_GIT (about 2 min); "
            + "it builds into $MPYSDK_PEERS/micropython";
    private static final Pattern PTY = Pattern.compile("redirected to (/dev/pts/\\d+)");

    private final ExternalProcess process;
    private final String pty;
    private final FileInputStream keeper;

    private MicroPython129(ExternalProcess process, String pty, FileInputStream keeper) {
        this.process = process;
        this.pty = pty;
        this.keeper = keeper;
    }

    /** @return the firmware, when built */
    public static Optional<Path> firmware() {
        Path elf = BuiltPeers.root().resolve("micropython/ports/qemu/build-MPS2_AN385/firmware.elf");
        return Files.isRegularFile(elf) ? Optional.of(elf) : Optional.empty();
    }

    /**
     * Starts the emulator (skips the test when the firmware is not built).
     *
     * @return the running board; its REPL answers once a client has opened the pty
     * @throws IOException when QEMU does not start or names no pty within 10 s
     */
    public static MicroPython129 start() throws IOException {
        Path elf = BuiltPeers.require(firmware(), HINT);
        ExternalProcess p = ExternalProcess.start(List.of("qemu-system-arm", "-semihosting", "-machine", "mps2-an385",
                "-nographic", "-monitor", "null", "-serial", "pty", "-kernel", elf.toString()));
        try {
            Matcher m = PTY.matcher(p.awaitLine(l -> PTY.matcher(l).find(), Duration.ofSeconds(10)));
            if (!m.find()) {
                throw new IOException("QEMU printed no pty path");
            }
            // QEMU stops reading a pty that no process holds open; keep one descriptor open meanwhile.
            return new MicroPython129(p, m.group(1), new FileInputStream(m.group(1)));
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** @return the pty of the board's UART, for {@code Board.open} */
    public String pty() {
        return pty;
    }

    @Override
    public void close() {
        process.close();
        try {
            keeper.close();
        } catch (IOException e) {
            // the emulator is gone already; nothing holds the pty any more
        }
    }
}
