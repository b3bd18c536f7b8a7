package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.DiskUsage;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/**
 * {@code mpy df}, {@code tree}, {@code sha256sum}, {@code touch} and {@code cat} on MicroPython 1.27 in the
 * JVM. Every {@code mpy} run opens a fresh virtual board, so what needs files on the board runs the
 * command's printing step against one board; the rest goes through the whole command line.
 */
@Tag(Peers.TAG)
@VirtualMicroPython
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliFsInfoTest {

    @Test
    void treeDrawsMpremotesConnectorsAndSizes(Board board) throws IOException {
        BoardFiles fs = board.repl().files();
        fs.mkdir("/lib/drivers");
        fs.put(new byte[2048], "/lib/a.py");
        fs.put(new byte[300], "/lib/drivers/x.py");
        fs.put(new byte[5], "/main.py");
        assertEquals(String.join("\n",
                ":/",
                "├── lib",
                "│   ├── [     2048]  a.py",
                "│   └── drivers",
                "│       └── [      300]  x.py",
                "└── [        5]  main.py", ""), FsInfoCommands.Tree.format("/", fs.tree("/"), true, false));
        assertEquals(String.join("\n",
                ":/lib",
                "├── [  2.0K]  a.py",
                "└── drivers",
                "    └── [   300]  x.py", ""), FsInfoCommands.Tree.format("/lib", fs.tree("/lib"), false, true));
    }

    @Test
    void humanSizesAreMpremotes() {
        assertEquals("1023", FsInfoCommands.Tree.humanSize(1023));
        assertEquals("1.0K", FsInfoCommands.Tree.humanSize(1024));
        assertEquals("1.5M", FsInfoCommands.Tree.humanSize(3 << 19));
    }

    @Test
    void sha256sumPrintsWhatJavaComputesForTheSameBytes(Board board) throws Exception {
        BoardFiles fs = board.repl().files();
        byte[] a = "print('a')\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[1000];
        fs.put(a, "/a.py");
        fs.put(b, "/b.bin");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FsInfoCommands.Sha256sum.print(fs, List.of(":/a.py", "/b.bin"), new PrintStream(out, true, StandardCharsets.UTF_8));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        String expected = HexFormat.of().formatHex(md.digest(a)) + "  /a.py\n" + HexFormat.of().formatHex(md.digest(b)) + "  /b.bin\n";
        assertEquals(expected, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void dfPrintsTheFilesystemSize(Board board) throws IOException {
        DiskUsage d = board.repl().files().df("/");
        String table = FsInfoCommands.Df.format(d);
        assertTrue(table.startsWith("     size     used    avail use% mounted on"), table);
        assertTrue(table.contains(" " + d.totalBytes() + " ") && table.strip().endsWith(" /"), table);

        CliRun run = CliRun.of("-p", "virtual:micropython", "--json", "df");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().matches("(?s).*\"totalBytes\"\\s*:\\s*2097152\\b.*"), run.stdout());
    }

    @Test
    void touchReportsWhatItCreatedAndMissingFilesFailNamed() {
        // A fresh board per run: touch reports what it did, cat and sha256sum of a missing file fail typed.
        CliRun touch = CliRun.of("-p", "virtual:micropython", "--json", "touch", ":/a.txt", "/a.txt");
        assertEquals(0, touch.exitCode(), touch.stderr());
        assertTrue(touch.stdout().matches("(?s)\\[\\s*\\{[^}]*\"created\"\\s*:\\s*true[^}]*\\}\\s*,\\s*\\{[^}]*\"created\"\\s*:\\s*false.*"),
                "the second touch of the same file creates nothing: " + touch.stdout());

        CliRun cat = CliRun.of("-p", "virtual:micropython", "cat", ":/missing.txt");
        assertNotEquals(0, cat.exitCode());
        assertTrue(cat.stderr().contains("/missing.txt"), cat.stderr());
        CliRun sum = CliRun.of("-p", "virtual:micropython", "sha256sum", ":/missing.txt");
        assertNotEquals(0, sum.exitCode());
        assertTrue(sum.stderr().contains("/missing.txt"), sum.stderr());

        for (String sizes : List.of("-s", "-h")) { // -h is human sizes here, as in mpremote, not help
            CliRun tree = CliRun.of("-p", "virtual:micropython", "tree", sizes);
            assertEquals(0, tree.exitCode(), tree.stderr());
            assertTrue(tree.stdout().startsWith(":/\n") || tree.stdout().startsWith(":/\r\n"), tree.stdout());
        }
    }
}
