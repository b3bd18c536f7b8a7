package org.mpysdk.core;

import java.io.IOException;
import java.util.Objects;

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

    /** @param transport an open link; the board owns it from now on and closes it in {@link #close()} */
    protected Board(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Opens a board on a port string: a device ({@code /dev/ttyUSB0}, {@code COM3}), {@code socket://host:port},
     * {@code rfc2217://host:port}, {@code ws://host:8266} or {@code virtual:...}. Opening does not reset
     * the board.
     *
     * @param options transport options such as a WebREPL password
     * @throws PortNotFoundException when the device does not exist (the message lists those that do)
     * @throws UnsupportedPortException when no module on the classpath handles the scheme
     */
    public static Board open(String port, BoardOption... options) throws IOException {
        return new Board(Transports.open(port, options));
    }

    /** Wraps a transport the caller opened; the board closes it in {@link #close()}. */
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
