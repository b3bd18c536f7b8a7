package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The per-file lines of {@code mpy cp}, as mpremote prints them, for folders too. */
class CopyLineTest {
    @Test
    void aFolderToTheBoardNamesEachLocalFileAndItsBoardPath() {
        assertEquals("cp src/lib/a.py :/lib/a.py", CopyLine.toBoard(Path.of("src"), "/", "/lib/a.py", false));
        assertEquals("cp src/b.py :/app/b.py (unchanged)", CopyLine.toBoard(Path.of("src"), "/app", "/app/b.py", true));
    }

    @Test
    void aFolderFromTheBoardNamesEachBoardPathAndItsLocalFile() {
        assertEquals("cp :/lib/a.py out/a.py", CopyLine.fromBoard("/lib", Path.of("out"), Path.of("out/a.py")));
    }
}
