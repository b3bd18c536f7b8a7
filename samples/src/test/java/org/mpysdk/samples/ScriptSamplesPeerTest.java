package org.mpysdk.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.qemu.QemuMicrobit;
import org.mpysdk.testkit.qemu.QemuMicrobitExtension;

/** RunScript and SyncProjectFolder against real MicroPython (v1.9.2 in QEMU), so the samples cannot rot. */
@Tag(Peers.TAG)
@ExtendWith(QemuMicrobitExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScriptSamplesPeerTest {

    @Test
    void runScriptPrintsWhatTheBoardPrints(QemuMicrobit qemu, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("count.py");
        Files.writeString(script, "for i in range(3):\n    print('tick', i)\n");
        String out = captureStdout(() -> RunScript.main(new String[] {qemu.pty(), script.toString()}));
        assertEquals("tick 0\r\ntick 1\r\ntick 2\r\n", out);
    }

    @Test
    void syncCopiesOnlyChangedFiles(QemuMicrobit qemu, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.py"), "A = 1\n");
        Files.writeString(dir.resolve("b.py"), "B = 2\n");
        String first = captureStdout(() -> SyncProjectFolder.main(new String[] {qemu.pty(), dir.toString(), "/"}));
        assertTrue(first.contains("copied [") && first.contains("a.py") && first.contains("b.py"), first);
        // micro:bit MicroPython has no hashlib, so the sample compares by size: change the size.
        Files.writeString(dir.resolve("b.py"), "B = 333\n");
        String second = captureStdout(() -> SyncProjectFolder.main(new String[] {qemu.pty(), dir.toString(), "/"}));
        assertTrue(second.matches("(?s)copied \\[[^]]*b\\.py[^]]*\\], unchanged \\[[^]]*a\\.py.*"), second);
        try (Board board = Board.open(qemu.pty())) {
            assertEquals("333", board.repl().eval("__import__('b').B"));
            board.repl().files().rm("/a.py");
            board.repl().files().rm("/b.py");
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static String captureStdout(Body body) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
