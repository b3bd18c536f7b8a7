package org.mpysdk;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.mpysdk.core.BoardException;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportException;
import org.mpysdk.core.Transports;
import org.mpysdk.core.UnsupportedPortException;
import org.mpysdk.core.flash.Bootloader;
import org.mpysdk.core.flash.BootloaderProvider;
import org.mpysdk.core.flash.BootloaderUnavailableException;
import org.mpysdk.core.flash.ConnectOptions;
import org.mpysdk.core.flash.FlashImageSource;
import org.mpysdk.core.flash.FlashOptions;
import org.mpysdk.core.flash.FlashResult;
import org.mpysdk.core.flash.OperationScope;
import org.mpysdk.core.repl.BoardInfo;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplOptions;

/**
 * A MicroPython board (or an ESP chip about to become one), reached through a {@link Transport}.
 *
 * <pre>{@code
 * try (Board board = Board.open("/dev/ttyUSB0")) {
 *     board.onProgress(p -> log(p)).erase().flash(image);
 *     System.out.println(board.repl().exec("print(1+1)").stdout());
 * }
 * }</pre>
 *
 * <p>A board is used by one thread at a time, except {@link #cancel()}, which any thread may call to
 * stop the running operation, and {@link #close()}.
 */
public class Board implements AutoCloseable {
    private final Transport transport;
    private volatile ProgressListener progress = ProgressListener.NONE;
    private volatile Cancellation cancellation = new Cancellation();
    private Bootloader bootloader;
    private FlashResult lastFlashResult;
    private Repl repl;

    /** @param transport an open link; the board owns it from now on and closes it in {@link #close()} */
    protected Board(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Opens a board on a port string: a device ({@code /dev/ttyUSB0}, {@code COM3}), {@code socket://host:port},
     * {@code rfc2217://host:port}, {@code ws://host:8266} or {@code virtual:...}. Opening does not reset
     * the board.
     *
     * @param port the port string, for example {@code /dev/ttyUSB0} or {@code ws://192.168.4.1:8266}
     * @param options transport options such as a WebREPL password
     * @return the board, owning the opened transport; close it when done
     * @throws PortNotFoundException when the device does not exist (the message lists those that do)
     * @throws UnsupportedPortException when no module on the classpath handles the scheme
     * @throws IOException another {@link TransportException} when the port cannot be opened (busy, refused)
     */
    public static Board open(String port, BoardOption... options) throws IOException {
        return new Board(Transports.open(port, options));
    }

    /**
     * Wraps a transport the caller opened; the board closes it in {@link #close()}.
     *
     * @param transport an open link to the board
     * @return the board, owning {@code transport}
     */
    public static Board open(Transport transport) {
        return new Board(transport);
    }

    /** @return the link to the board */
    public Transport transport() {
        return transport;
    }

    /**
     * Sets the listener that receives progress events of this board's long operations.
     *
     * @param listener receives phase and bytes done of erase, flash, file transfers; null for none
     * @return this board, for chaining
     */
    public Board onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** @return the current progress listener */
    public ProgressListener progressListener() {
        return progress;
    }

    /**
     * Cancels the running long operation from any thread; it ends with {@link OperationCancelledException}.
     * Operations started afterwards run normally.
     */
    public void cancel() {
        Cancellation current = cancellation;
        cancellation = new Cancellation();
        current.cancel();
    }

    /** @return the cancellation token that the next (or current) operation observes */
    public Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Connects to the chip's ESP bootloader once (reset into download mode, sync, identify, stub) and
     * returns the session; later calls return the same session until {@link #reset()}.
     *
     * <pre>{@code
     * ChipInfo chip = board.bootloader().chip();   // ESP32-D0WD-V3 (revision v3.1), MAC ..., 4 MB
     * }</pre>
     *
     * @throws BootloaderUnavailableException when no module provides the bootloader (add sdk-serial)
     * @return the connected bootloader session
     * @throws org.mpysdk.core.flash.BootloaderNotRespondingException when the chip does not answer
     * @throws IOException another {@link BoardException} or {@link TransportException} when connecting fails
     */
    public Bootloader bootloader() throws IOException {
        return bootloader(ConnectOptions.defaults());
    }

    /**
     * As {@link #bootloader()} with connect options (reset strategy, stub, baud rate). The options apply
     * to the first connection only; an existing session is returned as it is.
     *
     * @param options how to reset into download mode and which baud rate and stub to use
     * @return the connected bootloader session
     * @throws BootloaderUnavailableException when no module provides the bootloader (add sdk-serial)
     * @throws org.mpysdk.core.flash.BootloaderNotRespondingException when the chip does not answer
     * @throws IOException another {@link BoardException} or {@link TransportException} when connecting fails
     */
    public Bootloader bootloader(ConnectOptions options) throws IOException {
        if (bootloader == null) {
            BootloaderProvider provider = ServiceLoader.load(BootloaderProvider.class).findFirst()
                    .orElseThrow(() -> new BootloaderUnavailableException("no ESP bootloader support on the classpath: "
                            + "add the sdk-serial module (org.mpysdk:sdk-serial) to flash boards"));
            bootloader = provider.connect(transport, options, new OperationScope(() -> progress, () -> cancellation));
            repl = null; // the chip is in its ROM loader now; MicroPython's REPL is gone until reset()
        }
        return bootloader;
    }

    /**
     * Erases the whole flash through the bootloader (connecting first if needed).
     *
     * @return this board, for chaining: {@code board.erase().flash(image).reset()}
     * @throws IOException when connecting or erasing fails, or the operation was cancelled
     */
    public Board erase() throws IOException {
        bootloader().eraseFlash();
        return this;
    }

    /**
     * Writes an image with {@link FlashOptions#defaults()} (compressed, MD5-verified, unchanged regions
     * skipped). The result (bytes, compressed bytes, time, speed, verification) is kept in
     * {@link #lastFlashResult()}, so the call chains: {@code board.erase().flash(fw).reset()}.
     *
     * @param image the firmware to write, e.g. a downloaded {@code Firmware} or a {@code FlashImage}
     * @return this board, for chaining
     * @throws org.mpysdk.core.flash.ChipMismatchException when the image is for another chip (nothing erased)
     * @throws org.mpysdk.core.flash.PartialFlashException when writing failed part-way
     * @throws IOException when connecting fails, the image cannot be read, or the operation was cancelled
     */
    public Board flash(FlashImageSource image) throws IOException {
        return flash(image, FlashOptions.defaults());
    }

    /**
     * As {@link #flash(FlashImageSource)} with explicit options.
     *
     * @param image the firmware to write
     * @param options compression, verification, skipping of unchanged regions, flash mode and size
     * @return this board, for chaining
     * @throws org.mpysdk.core.flash.ChipMismatchException when the image is for another chip (nothing erased)
     * @throws org.mpysdk.core.flash.PartialFlashException when writing failed part-way
     * @throws IOException when connecting fails, the image cannot be read, or the operation was cancelled
     */
    public Board flash(FlashImageSource image, FlashOptions options) throws IOException {
        lastFlashResult = null;
        lastFlashResult = bootloader().flash(image.toFlashImage(), options);
        return this;
    }

    /** @return the outcome of the last {@link #flash} on this board, if one completed */
    public Optional<FlashResult> lastFlashResult() {
        return Optional.ofNullable(lastFlashResult);
    }

    /**
     * Hard-resets the chip so it runs its application, and ends the bootloader session. Without a
     * session, pulses RTS (the EN line on the usual auto-reset circuit).
     *
     * @return this board, for chaining
     * @throws OperationCancelledException when the thread is interrupted during the reset pulse
     * @throws IOException when the reset command or the control lines fail
     */
    public Board reset() throws IOException {
        repl = null; // the board reboots: a new REPL session starts from its banner
        if (bootloader != null) {
            Bootloader session = bootloader;
            bootloader = null;
            try {
                session.hardReset();
            } finally {
                session.close();
            }
            return this;
        }
        transport.setRts(true);
        try {
            Thread.sleep(100); // EN must stay low long enough for the chip to reset
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException("reset of " + transport.name() + " was interrupted");
        } finally {
            transport.setRts(false);
        }
        return this;
    }

    /**
     * The board's MicroPython REPL, created on first use over this board's transport, with its progress
     * listener and cancellation; the raw REPL is entered on the first call that needs it.
     *
     * <pre>{@code
     * String two = board.repl().exec("print(1+1)").text();
     * }</pre>
     *
     * @return this board's REPL; the same instance until {@link #reset()} or {@link #bootloader()}
     */
    public synchronized Repl repl() {
        if (repl == null) {
            repl = new Repl(transport, ReplOptions.defaults(),
                    this::progressListener, this::cancellation);
        }
        return repl;
    }

    /**
     * The board's REPL with other options (timeouts, raw-paste, the guard): replaces the REPL
     * {@link #repl()} returns from now on, with this board's progress listener and cancellation.
     *
     * <pre>{@code
     * Repl slow = board.repl(ReplOptions.defaults().withExecTimeout(Duration.ofMinutes(2)));
     * }</pre>
     *
     * @param options the options to use
     * @return the new REPL; the raw REPL is entered on its first call
     */
    public synchronized Repl repl(ReplOptions options) {
        repl = new Repl(transport, java.util.Objects.requireNonNull(options, "options"),
                this::progressListener, this::cancellation);
        return repl;
    }

    /**
     * @return MicroPython version, machine, platform and free memory, through {@link #repl()}
     * @throws IOException when the REPL does not answer or the query fails on the board
     */
    public BoardInfo info() throws IOException {
        return repl().info();
    }

    /** Closes the link; idempotent. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Board[" + transport.name() + "]";
    }
}
