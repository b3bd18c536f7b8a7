package org.mpysdk.testkit.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.repl.Mount;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.testkit.internal.built.BuiltPeers;

/**
 * A host folder mounted on MicroPython 1.29's qemu port over its UART (a built peer: skipped where it is
 * not built). The board has no file system of its own at boot, so everything it imports comes from the
 * folder: a module and a package run, the board writes a file the host then finds, a {@code ..} is
 * refused, and a soft reset is followed by a remount.
 */
@Tag(BuiltPeers.TAG)
@Timeout(120)
class MountMicroPython129Test {
    @TempDir
    Path tmp;

    @Test
    void aModuleRunsFromTheFolderAndTheBoardWritesIntoIt() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("main_app.py"), "import helpers\nprint('sum', helpers.total(range(10)))\n");
        Files.createDirectories(app.resolve("helpers"));
        Files.writeString(app.resolve("helpers/__init__.py"), "def total(xs):\n    return sum(xs)\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            big.append("V").append(i).append(" = ").append(i * 31).append("  # padding to make the module long\n");
        }
        Files.writeString(app.resolve("big.py"), big);
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        try (MicroPython129 peer = MicroPython129.start(); Board board = Board.open(peer.pty())) {
            Repl repl = board.repl();
            try (Mount m = repl.mount(app)) {
                assertEquals("sum 45", repl.exec("import main_app").text().strip());
                assertEquals("12369", repl.eval("__import__('big').V399"));
                repl.exec("with open('log.txt', 'w') as f:\n    f.write('written on 1.29\\n')\nwith open('log.txt', 'a') as f:\n    f.write('and appended\\n')");
                assertEquals("written on 1.29\nand appended\n", Files.readString(app.resolve("log.txt")));
                String refused = repl.exec("try:\n open('../secret.txt').read()\n print('read')\nexcept OSError as e:\n print('refused', e.errno)").text().strip();
                assertTrue(refused.startsWith("refused"), refused);
                repl.softReset();
                assertEquals("sum 45", repl.exec("import main_app").text().strip(), "remounted after the soft reset");
                assertTrue(m.requestsServed() > 10);
            }
            assertFalse(repl.eval("__import__('os').listdir('/')").contains("remote"));
        }
    }
}
