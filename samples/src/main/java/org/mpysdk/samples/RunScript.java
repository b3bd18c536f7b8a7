package org.mpysdk.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardCodeException;

/**
 * Sample: run a local script on a board, streaming what it prints; a MicroPython exception comes back
 * as a {@link BoardCodeException} with its type, message and line.
 *
 * <pre>
 * java ... RunScript /dev/ttyUSB0 blink.py
 * </pre>
 */
public final class RunScript {
    private RunScript() {
    }

    /**
     * @param args port, script
     * @throws Exception when the port or the script cannot be opened
     */
    public static void main(String[] args) throws Exception {
        String code = Files.readString(Path.of(args[1]));
        try (Board board = Board.open(args[0])) {
            board.repl().execStreaming(code, (bytes, off, len) -> System.out.write(bytes, off, len), Duration.ofMinutes(5));
            System.out.flush();
        } catch (BoardCodeException e) {
            System.out.flush();
            System.err.printf("%s: %s (line %d)%n", e.type(), e.remoteMessage(), e.line());
            System.exit(3);
        }
    }
}
