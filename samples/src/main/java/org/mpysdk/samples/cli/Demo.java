package org.mpysdk.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.mpysdk.Board;
import org.mpysdk.core.BoardException;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.firmware.Firmware;
import org.mpysdk.firmware.FirmwareCatalog;
import org.mpysdk.testkit.images.TestFirmware;
import org.mpysdk.testkit.qemu.QemuMicrobit;

/**
 * The first run on a fresh machine, with no hardware: flash MicroPython onto a virtual ESP32 through
 * the real bootloader protocol, then run code on real MicroPython (QEMU, or the in-JVM WebAssembly
 * build), saying at each step where things came from.
 */
final class Demo {
    private static final String PORT = "virtual:esp32";

    private final PrintStream out;
    private final ProgressListener progress;

    Demo(PrintStream out, ProgressListener progress) {
        this.out = out;
        this.progress = progress;
    }

    int run() throws Exception {
        out.println("== 1. Flash MicroPython onto " + PORT + " (a virtual ESP32 ROM loader, no hardware)");
        try (Board board = Board.open(PORT).onProgress(progress)) {
            ChipInfo chip = board.bootloader().chip();
            out.println("chip:     " + chip);
            out.println("loader:   " + (chip.stubRunning() ? "Espressif's flasher stub (16 KiB blocks, pipelined)"
                    : "ROM loader only (no stub files found: bash scripts/install-peers, or -Dmpysdk.stubDir=DIR)"));
            Firmware firmware = firmwareFor(chip);
            out.println("image:    " + firmware + " (" + firmware.size() + " bytes, sha256 " + firmware.sha256().substring(0, 16) + "...)");
            board.erase().flash(firmware);
            FlashResult result = board.lastFlashResult().orElseThrow();
            out.println("flashed:  " + result);
            out.println("verified: " + (result.verified() ? "yes, MD5 of every region read back from the chip" : "NO"));
            board.flash(firmware);
            out.println("again:    " + board.lastFlashResult().orElseThrow() + " (unchanged regions are skipped by MD5)");
            board.reset();
        }
        out.println();
        out.println("== 2. Run code on real MicroPython");
        return runCode();
    }

    /** The latest release from micropython.org, else a cached one, else a locally built test image. */
    private Firmware firmwareFor(ChipInfo chip) throws IOException {
        String name = chip.chip().displayName();
        try {
            Firmware fw = FirmwareCatalog.micropythonOrg().genericBoardFor(name).latestRelease().download();
            out.println("source:   micropython.org (" + fw.origin() + ")");
            return fw;
        } catch (BoardException online) {
            out.println("source:   micropython.org not reachable (" + firstLine(online) + ")");
        }
        try {
            Firmware fw = FirmwareCatalog.builder().offline(true).build().genericBoardFor(name).latestRelease().download();
            out.println("source:   the local cache (offline)");
            return fw;
        } catch (BoardException offline) {
            out.println("source:   nothing cached (" + firstLine(offline) + ")");
        }
        Path dir = Files.createTempDirectory("mpy-demo");
        Path file = dir.resolve("ESP32_GENERIC-20251209-v1.27.0.bin");
        Files.write(file, TestFirmware.esp32Bin(chip.chip(), "v1.27.0", 1_500_000));
        out.println("source:   a locally built test image (valid headers, checksums and SHA-256; it does not boot)");
        return Firmware.load(file);
    }

    private int runCode() throws IOException {
        String code = "import sys\nprint('hello from', sys.platform, sys.implementation.name, sys.version)\nprint(sum(range(100)))";
        if (QemuMicrobit.available()) {
            try (QemuMicrobit qemu = QemuMicrobit.start(); Board board = Board.open(qemu.pty())) {
                out.println("board:    MicroPython in QEMU (micro:bit) on " + qemu.pty());
                return exec(board, code);
            }
        }
        out.println("QEMU is not installed: apt-get install qemu-system-arm firmware-microbit-micropython (or bash scripts/install-peers)");
        try (Board board = Board.open("virtual:micropython")) {
            out.println("board:    MicroPython 1.27 (WebAssembly) inside this JVM");
            return exec(board, code);
        } catch (BoardException e) {
            out.println("no in-JVM MicroPython either: " + firstLine(e));
            out.println("install both with: bash scripts/install-peers");
            return 0;
        }
    }

    private int exec(Board board, String code) throws IOException {
        out.println("info:     " + board.info());
        out.println(">>> " + code.replace("\n", "\n>>> "));
        out.print(board.repl().exec(code, Duration.ofSeconds(10)).stdout().replace("\r\n", "\n"));
        return 0;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
