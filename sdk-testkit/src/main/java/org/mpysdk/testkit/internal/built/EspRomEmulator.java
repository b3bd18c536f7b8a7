package org.mpysdk.testkit.internal.built;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.flash.Chip;

/**
 * One Espressif QEMU running a chip's real mask ROM in UART download mode, its UART on
 * {@code socket://127.0.0.1:PORT} and its SPI flash in a file the test can compare byte for byte. The
 * command line is the one {@code ../shared/peers/esp-rom} uses. Each emulator keeps a host core busy:
 * close it right after the test.
 *
 * <pre>{@code
 * try (EspRomEmulator rom = EspRomEmulator.start(qemuDir, Chip.ESP32, flashFile);
 *      Board board = Board.open(rom.port())) { ... }
 * }</pre>
 */
public final class EspRomEmulator implements AutoCloseable {
    /** 4 MiB of erased flash, what a fresh chip module holds. */
    public static final int FLASH_BYTES = 4 << 20;
    private final Process process;
    private final int port;
    private final Path flashFile;
    private final Chip chip;

    private EspRomEmulator(Process process, int port, Path flashFile, Chip chip) {
        this.process = process;
        this.port = port;
        this.flashFile = flashFile;
        this.chip = chip;
    }

    /**
     * Starts the emulator and waits (up to 30 s) until its UART accepts a connection.
     *
     * @param qemuDir the folder {@link BuiltPeers#espQemu()} found
     * @param chip {@link Chip#ESP32} or {@link Chip#ESP32_C3}
     * @param flashFile the chip's flash; created as 4 MiB of 0xFF when missing
     * @return the running emulator
     * @throws IllegalArgumentException for a chip the emulator does not model
     * @throws IOException when QEMU cannot start or does not listen in time (its log is in the message)
     */
    public static EspRomEmulator start(Path qemuDir, Chip chip, Path flashFile) throws IOException {
        String binary;
        String machine;
        String strap;
        switch (chip) {
            case ESP32 -> {
                binary = "qemu-system-xtensa";
                machine = "esp32";
                strap = "0x0f";  // UART download mode
            }
            case ESP32_C3 -> {
                binary = "qemu-system-riscv32";
                machine = "esp32c3";
                strap = "0x02";  // UART download mode
            }
            default -> throw new IllegalArgumentException("Espressif's QEMU models the ESP32 and ESP32-C3, not " + chip);
        }
        if (!Files.exists(flashFile)) {
            byte[] erased = new byte[FLASH_BYTES];
            Arrays.fill(erased, (byte) 0xFF);
            Files.write(flashFile, erased);
        }
        int port = freePort();
        Path log = flashFile.resolveSibling(flashFile.getFileName() + ".qemu.log");
        List<String> cmd = new ArrayList<>(List.of(qemuDir.resolve("bin").resolve(binary).toString(),
                "-machine", machine, "-L", qemuDir.resolve("share/qemu").toString(),
                "-display", "none", "-monitor", "none", "-nic", "none",
                "-drive", "file=" + flashFile + ",if=mtd,format=raw",
                "-global", "driver=" + machine + ".gpio,property=strap_mode,value=" + strap,
                "-serial", "tcp:127.0.0.1:" + port + ",server=on,wait=off"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        EspRomEmulator rom = new EspRomEmulator(p, port, flashFile, chip);
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("QEMU (" + machine + ") exited with " + p.exitValue() + ": " + readLog(log));
            }
            try (Socket probe = new Socket()) {
                // Connecting and closing at once is harmless: the ROM's output while nobody listens is lost anyway.
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return rom;
            } catch (IOException notYet) {
                if (deadline.expired()) {
                    rom.close();
                    throw new IOException("QEMU (" + machine + ") did not listen on port " + port + " within 30 s: "
                            + readLog(log));
                }
                try {
                    p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);  // back off, but notice an early exit
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    rom.close();
                    throw new IOException("interrupted while QEMU started", e);
                }
            }
        }
    }

    /** @return the port string to open: {@code socket://127.0.0.1:PORT} (no DTR/RTS: connect without reset) */
    public String port() {
        return "socket://127.0.0.1:" + port;
    }

    /** @return the chip */
    public Chip chip() {
        return chip;
    }

    /** @return the flash file (read it after {@link #close()} or while the chip is idle) */
    public Path flashFile() {
        return flashFile;
    }

    /**
     * @param offset where to start
     * @param length how many bytes
     * @return the bytes the chip's flash holds there now (QEMU writes the file through)
     * @throws IOException when the file cannot be read
     */
    public byte[] readFlash(long offset, int length) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(flashFile)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // read until full or end of file
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    /** Stops the emulator (and waits up to 5 s for it to go). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String readLog(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
