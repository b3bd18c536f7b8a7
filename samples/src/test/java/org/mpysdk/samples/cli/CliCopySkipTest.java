package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/**
 * {@code mpy cp} to the board skips a file the board already has (its SHA-256 matches, as in mpremote)
 * and sends it with {@code --force}, on MicroPython 1.27 in the JVM. One board serves all three copies
 * (every {@code mpy} run would open a fresh virtual board), so the command's copy step runs directly.
 */
@Tag(Peers.TAG)
@VirtualMicroPython
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliCopySkipTest {

    @Test
    void unchangedFileIsSkippedChangedOneSentAndForceSendsAnyway(Board board, @TempDir Path dir) throws IOException {
        List<String> sent = new ArrayList<>();
        board.onProgress(p -> {
            if (p.operation().equals("put") && p.done() == 0) {
                sent.add(p.phase());
            }
        });
        BoardFiles files = board.repl().files();
        Path local = Files.writeString(dir.resolve("main.py"), "print('v1')\n");

        assertEquals(Map.of("copied", 1, "unchanged", 0, "bytes", 12L), FilesCommands.Cp.copyToBoard(files, null, local, "/main.py", false));
        assertEquals(Map.of("copied", 0, "unchanged", 1, "bytes", 0L), FilesCommands.Cp.copyToBoard(files, null, local, "/main.py", false));
        assertEquals(List.of("/main.py"), sent, "the unchanged file was not sent again");

        assertEquals(Map.of("copied", 1, "unchanged", 0, "bytes", 12L), FilesCommands.Cp.copyToBoard(files, null, local, "/main.py", true));
        // Same size, other content: only a hash tells them apart.
        Files.writeString(local, "print('v2')\n");
        assertEquals(1, FilesCommands.Cp.copyToBoard(files, null, local, "/main.py", false).get("copied"));
        assertEquals(List.of("/main.py", "/main.py", "/main.py"), sent);
        assertEquals("print('v2')\n", new String(files.cat("/main.py")));
    }

    @Test
    void theCommandLineTakesForce(@TempDir Path dir) throws IOException {
        Path local = Files.writeString(dir.resolve("a.py"), "x = 1\n");
        CliRun run = CliRun.of("-p", "virtual:micropython", "--json", "cp", "--force", local.toString(), ":/a.py");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().matches("(?s).*\"copied\"\\s*:\\s*1\\b.*"), run.stdout());
    }

    @Test
    void cpPrintsOneLinePerFileAsMpremoteDoes(@TempDir Path dir) throws IOException {
        Path local = Files.writeString(dir.resolve("main.py"), "print(1)\n");
        CliRun run = CliRun.of("-p", "virtual:micropython", "cp", local.toString(), ":main.py");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("cp " + local + " :main.py", run.stdout().strip());
    }
}
