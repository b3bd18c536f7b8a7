package org.mpysdk.webrepl;

import org.mpysdk.Board;
import org.mpysdk.core.UnsupportedPortException;

/**
 * Entry points for WebREPL.
 *
 * <pre>{@code
 * try (Board board = Board.open("ws://192.168.4.1:8266", WebRepl.password("s3cret"))) {
 *     board.repl().exec("print(1+1)");                     // the same Repl as over serial
 *     WebRepl.files(board).get("/main.py", Path.of("main.py"));
 * }
 * try (Board serial = Board.open("/dev/ttyUSB0")) {
 *     WebRepl.setup(serial).enable("s3cret");              // webrepl_cfg.py and boot.py, over the serial REPL
 *     WebRepl.wifi(serial).connect(WifiCredentials.of("home", pw)).webReplUri();   // ws://192.168.1.42:8266
 * }
 * }</pre>
 */
public final class WebRepl {
    private WebRepl() {
    }

    /**
     * @param password the board's WebREPL password (at most 9 characters)
     * @return the option for {@code Board.open}
     */
    public static WebReplPassword password(String password) {
        return new WebReplPassword(password);
    }

    /**
     * @param board a board opened on a WebREPL address
     * @return the WebREPL file protocol of a board opened on {@code ws://} or {@code wss://}; progress
     *     goes to the board's listener and {@link Board#cancel()} stops a transfer
     * @throws UnsupportedPortException when the board is not connected over WebREPL
     */
    public static WebReplFiles files(Board board) throws UnsupportedPortException {
        if (!(board.transport() instanceof WebReplTransport t)) {
            throw new UnsupportedPortException(board.transport().name() + " is not a WebREPL connection; the WebREPL file"
                    + " protocol needs Board.open(\"ws://host:8266\", WebRepl.password(...)). Over serial use board.repl().files()");
        }
        return new WebReplFiles(t, board::progressListener, board::cancellation, () -> board.repl().files());
    }

    /**
     * @param board a board whose REPL works, usually opened on a serial port
     * @return WebREPL set-up (enable, disable, status) over the board's REPL
     */
    public static WebReplSetup setup(Board board) {
        return new WebReplSetup(board.repl());
    }

    /**
     * @param board a board whose REPL works, usually opened on a serial port
     * @return Wi-Fi set-up (station connect, status, the access point's SSID) over the board's REPL; progress
     *     goes to the board's listener and {@link Board#cancel()} stops the wait
     */
    public static WifiSetup wifi(Board board) {
        return new WifiSetup(board.repl(), board::progressListener, board::cancellation);
    }
}
