package org.mpysdk.samples;

import java.nio.file.Path;
import org.mpysdk.Board;
import org.mpysdk.core.repl.SyncReport;

/**
 * Sample: copy a project folder to the board, only the files that changed (compared by SHA-256 where
 * the firmware has hashlib, else by size), like {@code mpremote cp -r} without re-sending everything.
 *
 * <pre>
 * java ... SyncProjectFolder /dev/ttyUSB0 ./src /
 * </pre>
 */
public final class SyncProjectFolder {
    private SyncProjectFolder() {
    }

    /**
     * @param args port, local folder, folder on the board (default /)
     * @throws Exception any SDK failure, with a message saying what to do
     */
    public static void main(String[] args) throws Exception {
        try (Board board = Board.open(args[0])) {
            SyncReport report = board.repl().files().putTree(Path.of(args[1]), args.length > 2 ? args[2] : "/");
            System.out.printf("copied %s, unchanged %s (%d bytes, compared by %s)%n",
                    report.copied(), report.unchanged(), report.bytesCopied(), report.comparedBy());
        }
    }
}
