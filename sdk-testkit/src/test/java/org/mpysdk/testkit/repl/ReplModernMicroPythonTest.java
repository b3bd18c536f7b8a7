package org.mpysdk.testkit.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.BoardInfo;
import org.mpysdk.core.repl.FirmwareFeatures;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.RemoteFileNotFoundException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.SyncReport;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/**
 * The SDK's REPL and file operations against modern MicroPython (1.27, the official WebAssembly build,
 * run in-process by virtual:micropython): the code paths with folders, base64 and SHA-256 that the
 * micro:bit firmware lacks, and the raw-paste fallback.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(120)
class ReplModernMicroPythonTest {

    @Test
    void execEvalErrorsAndInfo(Board board) throws IOException {
        Repl repl = board.repl();
        assertEquals("42", repl.exec("print(6*7)").text());
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> repl.exec("x = 1\nraise ValueError('bad value')"));
        assertEquals("ValueError", e.type());
        assertEquals("bad value", e.remoteMessage());
        assertEquals(2, e.line());
        BoardInfo info = board.info();
        assertTrue(info.version().startsWith("1.27"), info.version());
        assertEquals("webassembly", info.platform());
        assertTrue(info.memFree() > 0);
    }

    @Test
    void rawPasteRequestDoesNotHangAndLongCodeRuns(Board board) throws IOException {
        Repl repl = board.repl();
        StringBuilder code = new StringBuilder("t = 0\n");
        for (int i = 0; i < 100; i++) {
            code.append("t += ").append(i).append("  # long enough to need raw-paste\n");
        }
        code.append("print(t)");
        long t0 = System.nanoTime();
        assertEquals("4950", repl.exec(code.toString(), Duration.ofSeconds(20)).text());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(15).toNanos());
        assertEquals(Repl.RawPaste.UNSUPPORTED, repl.rawPaste());
        assertEquals("ok", repl.exec("print('ok')").text());
    }

    @Test
    void interruptAndSoftReset(Board board) throws IOException {
        Repl repl = board.repl();
        assertThrows(OperationTimeoutException.class, () -> repl.exec("while True:\n pass", Duration.ofMillis(300)));
        repl.exec("v = 1");
        repl.softReset();
        assertEquals("NameError", assertThrows(BoardCodeException.class, () -> repl.eval("v")).type());
    }

    @Test
    void filesWithFoldersBase64AndHashes(Board board, @TempDir Path tmp) throws IOException {
        BoardFiles fs = board.repl().files();
        FirmwareFeatures f = fs.features();
        assertTrue(f.directories());
        assertTrue(f.binascii() != null && f.hashlib() != null, f.toString());

        fs.mkdir("/lib/deep/er");
        fs.mkdir("/lib/deep");
        byte[] all = new byte[1024];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 31);
        }
        fs.put(all, "/lib/deep/er/all.bin");
        assertArrayEquals(all, fs.cat("/lib/deep/er/all.bin"));
        RemoteFile st = fs.stat("/lib/deep/er/all.bin");
        assertEquals(1024, st.size());
        assertFalse(st.directory());
        assertTrue(fs.stat("/lib/deep").directory());
        Set<String> names = fs.ls("/lib/deep").stream().map(RemoteFile::name).collect(Collectors.toSet());
        assertEquals(Set.of("er"), names);

        fs.rename("/lib/deep/er/all.bin", "/lib/moved.bin");
        assertTrue(fs.exists("/lib/moved.bin"));
        assertFalse(fs.exists("/lib/deep/er/all.bin"));

        fs.rmdir("/lib");
        assertFalse(fs.exists("/lib"));
        assertThrows(RemoteFileNotFoundException.class, () -> fs.rmdir("/lib"));
    }

    @Test
    void putTreeByHashAndGetTree(Board board, @TempDir Path tmp) throws IOException {
        BoardFiles fs = board.repl().files();
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(src.resolve("pkg/sub"));
        Files.writeString(src.resolve("main.py"), "import pkg\n");
        Files.writeString(src.resolve("pkg/__init__.py"), "A = 1\n");
        Files.writeString(src.resolve("pkg/sub/x.py"), "B = 2\n");

        SyncReport first = fs.putTree(src, "/app");
        assertEquals("sha256", first.comparedBy());
        assertEquals(List.of("/app/main.py", "/app/pkg/__init__.py", "/app/pkg/sub/x.py"), first.copied());

        // Same size, different content: only a hash notices.
        Files.writeString(src.resolve("pkg/__init__.py"), "A = 9\n");
        SyncReport second = fs.putTree(src, "/app");
        assertEquals(List.of("/app/pkg/__init__.py"), second.copied());
        assertEquals(2, second.unchanged().size());

        Path back = tmp.resolve("back");
        assertEquals(3, fs.getTree("/app", back).size());
        assertEquals("A = 9\n", Files.readString(back.resolve("pkg/__init__.py"), StandardCharsets.UTF_8));
        assertEquals("B = 2\n", Files.readString(back.resolve("pkg/sub/x.py"), StandardCharsets.UTF_8));
    }
}
