package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.mpysdk.core.internal.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's own thread (with a deep stack): starts the interpreter, feeds it the host's input byte
 * by byte, soft-reboots it on request, and reports its death. Everything that touches the wasm
 * instance runs here, except the Ctrl-C interrupt (see {@link MicroPythonVm#requestInterrupt()}).
 */
final class BoardThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardThread.class);
    private static final byte[] SOFT_REBOOT = "MPY: soft reboot\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final MicroPythonImage image;
    private final MicroPythonOptions options;
    private final MemoryFileSystem fs;
    private final InputQueue input;
    private final ConsoleBuffer console;
    private final RawReplTracker mode = new RawReplTracker();
    private final CompletableFuture<MicroPythonVm> started = new CompletableFuture<>();
    private volatile MicroPythonVm vm;
    private volatile boolean stopping;

    BoardThread(String name, MicroPythonImage image, MicroPythonOptions options, MemoryFileSystem fs,
            InputQueue input, ConsoleBuffer console) {
        this.name = name;
        this.image = image;
        this.options = options;
        this.fs = fs;
        this.input = input;
        this.console = console;
    }

    /** @return completes with the interpreter once it has started, or exceptionally */
    CompletableFuture<MicroPythonVm> started() {
        return started;
    }

    /** @return the running interpreter, or null before start and after death */
    MicroPythonVm vm() {
        return vm;
    }

    /** Marks the board as closing, so the interrupt that follows is not reported as a death. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            vm = MicroPythonVm.start(image, new Syscalls(fs, console, input), options);
            started.complete(vm);
            while (!stopping) {
                byte[] bytes = input.takeAll(1000);
                for (byte b : bytes) {
                    int result = vm.processChar(mode.translate(b & 0xFF));
                    if ((result & MicroPythonVm.FORCED_EXIT) != 0) {
                        softReboot();
                    }
                }
            }
        } catch (InterruptedException | ChicoryInterruptedException e) {
            if (!stopping) {
                died(e);
            }
        } catch (Throwable t) { // the board must report any death (trap, stack overflow, OOM) instead of hanging readers
            if (!stopping) {
                died(t);
            }
            if (t instanceof Error && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError)) {
                throw (Error) t;
            }
        } finally {
            vm = null;
        }
    }

    /**
     * A soft reset: a fresh interpreter on the same file system (files survive, as in flash), back in
     * the REPL mode it left. boot.py and main.py are not run.
     */
    private void softReboot() {
        console.print(SOFT_REBOOT, 0, SOFT_REBOOT.length);
        console.startCapture();
        byte[] banner;
        try {
            vm = MicroPythonVm.start(image, new Syscalls(fs, console, input), options);
            if (mode.raw()) {
                vm.processChar(1);
            }
        } finally {
            banner = console.endCapture();
        }
        byte[] shown = banner;
        if (mode.raw()) {
            // Friendly banner, then "\r\n" + raw banner from the Ctrl-A: a real board shows only the raw banner.
            int at = Bytes.indexOf(banner, RAW_BANNER, 0);
            shown = at < 0 ? banner : Arrays.copyOfRange(banner, at, banner.length);
        }
        console.print(shown, 0, shown.length);
        LOG.debug("{} soft-rebooted ({} REPL)", name, mode.raw() ? "raw" : "friendly");
    }

    private void died(Throwable cause) {
        LOG.warn("{} died: {}", name, ConsoleBuffer.describe(cause));
        started.completeExceptionally(cause);
        console.die(cause);
    }
}
