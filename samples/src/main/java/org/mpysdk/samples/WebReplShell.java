package org.mpysdk.samples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.webrepl.WebRepl;

/**
 * Sample: a line-by-line Python shell over Wi-Fi. Each line typed runs on the board through WebREPL;
 * the same {@code Repl} API as over serial.
 *
 * <pre>
 * java ... WebReplShell ws://192.168.4.1:8266 s3cret
 * </pre>
 */
public final class WebReplShell {
    private WebReplShell() {
    }

    /**
     * @param args WebREPL URL, password
     * @throws Exception when the board cannot be reached or the password is refused
     */
    public static void main(String[] args) throws Exception {
        try (Board board = Board.open(args[0], WebRepl.password(args[1]))) {
            System.out.println(board.info());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    System.out.print(board.repl().exec(line).stdout());
                } catch (BoardCodeException e) {
                    System.out.println(e.type() + ": " + e.remoteMessage());
                }
            }
        }
    }
}
