package org.mpysdk.testkit.micropython;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.TransportClosedException;

/**
 * The terminal of a virtual board running the real MicroPython interpreter (its official WebAssembly
 * build on the Chicory runtime, in this JVM): bytes written are the board's UART input, bytes read its
 * output. Everything in sdk-core works on it as on a serial board: the friendly and raw REPL, Ctrl-C,
 * soft reset, files on an in-memory flash file system.
 *
 * <pre>{@code
 * try (Board board = Board.open("virtual:micropython")) {
 *     board.transport().write("\r\u0003\u0003".getBytes(US_ASCII));
 * }
 * }</pre>
 *
 * <p>Differences from a real board: raw-paste is answered "not supported" ({@code R\x00}); a soft
 * reset does not run boot.py or main.py; there is no {@code machine} module; the JavaScript
 * {@code js} module is absent. Run the JVM with {@code -XX:-DontCompileHugeMethods} for full speed
 * (see docs/testkit.md).
 */
public final class MicroPythonTransport extends AbstractTransport {
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final int CTRL_C = 3;

    private final MemoryFileSystem fs;
    private final InputQueue input = new InputQueue();
    private final ConsoleBuffer console;
    private final BoardThread board;
    private final Thread thread;

    private MicroPythonTransport(String name, MicroPythonImage image, MicroPythonOptions options) {
        super(name);
        this.fs = new MemoryFileSystem(options.fileSystemBytes(), Clock.systemUTC());
        this.console = new ConsoleBuffer(name);
        this.board = new BoardThread(name, image, options, fs, input, console);
        this.thread = new Thread(null, board, "virtual-micropython-" + SERIAL.incrementAndGet(), options.threadStackBytes());
        this.thread.setDaemon(true);
    }

    /**
     * Starts a board with default sizes.
     *
     * @return the running board's terminal
     * @throws IOException when the board cannot start (see {@link #start(MicroPythonOptions)})
     * @throws MicroPythonUnavailableException when MicroPython's wasm is not on this machine (the message says how to get it)
     */
    public static MicroPythonTransport start() throws IOException {
        return start(MicroPythonOptions.defaults());
    }

    /**
     * Starts a board: compiles MicroPython on first use in this JVM (unless build-time compiled), then
     * boots a fresh interpreter on its own thread. The friendly REPL banner is the first output.
     *
     * @param options the board's sizes
     * @return the running board's terminal
     * @throws IOException when the board cannot start: one of the subtypes below, or a timeout
     * @throws MicroPythonUnavailableException when MicroPython's wasm is not on this machine
     * @throws TransportClosedException when the interpreter fails to boot
     */
    public static MicroPythonTransport start(MicroPythonOptions options) throws IOException {
        MicroPythonImage image = MicroPythonImages.get();
        MicroPythonTransport t = new MicroPythonTransport("virtual:micropython", image, options);
        t.thread.start();
        try {
            t.board.started().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            t.close();
            throw new TransportClosedException("virtual:micropython failed to boot: " + ConsoleBuffer.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            t.close();
            throw new OperationTimeoutException("virtual:micropython did not boot within 30 s", java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.close();
            throw new TransportClosedException("interrupted while virtual:micropython booted");
        }
        return t;
    }

    /** @return the board's flash file system, to seed or inspect from Java while the board is idle */
    public MemoryFileSystem fileSystem() {
        return fs;
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        return console.read(buf, off, len, timeoutMillis);
    }

    /**
     * Queues the bytes as UART input. A Ctrl-C that arrives while code runs interrupts it at once (it
     * never reaches the input, as on a real board); otherwise it is input like any byte.
     */
    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        Throwable death = console.death();
        if (death != null) {
            throw new TransportClosedException(name() + " died: " + ConsoleBuffer.describe(death), death);
        }
        MicroPythonVm vm = board.vm();
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (data[i] == CTRL_C && vm != null && vm.executing()) {
                input.put(data, from, i - from);
                vm.requestInterrupt();
                from = i + 1;
            }
        }
        input.put(data, from, off + len - from);
    }

    @Override
    protected void closeRaw() {
        board.stop();
        console.close();
        thread.interrupt();
    }

    @Override
    public String toString() {
        return "MicroPythonTransport[" + name() + "]";
    }
}
