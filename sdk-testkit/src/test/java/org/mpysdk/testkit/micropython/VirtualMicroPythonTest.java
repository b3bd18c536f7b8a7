package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.RemoteFileNotFoundException;
import org.mpysdk.core.repl.Repl;

/**
 * The real MicroPython 1.27 interpreter (its official wasm build) in this JVM, driven through the SDK's
 * own REPL and file API, as against a board on a serial port.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(120)
class VirtualMicroPythonTest {

    @Test
    void execReturnsWhatTheBoardPrinted(Board board) throws IOException {
        Repl repl = board.repl();
        // This port prints bare \n (its stdout is not "cooked" as on a UART port); tracebacks use \r\n.
        assertEquals("3\n", repl.exec("print(1 + 2)").stdout());
        assertEquals("'webassembly'", repl.eval("__import__('sys').platform"));
        assertEquals("(1, 27, 0, '')", repl.eval("__import__('sys').implementation.version"));
    }

    @Test
    void errorsArriveAsTracebacks(Board board) throws IOException {
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> board.repl().exec("x = 1\n1 / 0"));
        assertEquals("ZeroDivisionError", e.type());
        assertEquals("divide by zero", e.remoteMessage());
        assertEquals(2, e.line());
        BoardCodeException missing = assertThrows(BoardCodeException.class, () -> board.repl().exec("import os\nos.stat('/nope')"));
        assertEquals("OSError", missing.type());
        assertEquals(2, missing.errno(), "errno numbers are MicroPython's (ENOENT = 2), as on real boards");
    }

    @Test
    void printsEveryCharacterAndRawByte(Board board) throws IOException {
        String all = board.repl().exec("print(''.join(chr(i) for i in range(256)), end='')").stdout();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            expected.append((char) i);
        }
        assertEquals(expected.toString(), all);
        byte[] raw = board.repl().exec("import sys\nsys.stdout.buffer.write(bytes(b for b in range(256) if b != 4))").stdoutBytes();
        assertEquals(255, raw.length);
        for (int i = 0, b = 0; i < raw.length; i++, b++) {
            if (b == 4) {
                b++;
            }
            assertEquals(b, raw[i] & 0xFF, "byte " + i);
        }
    }

    @Test
    void ctrlCInterruptsARunawayLoopAndTheBoardStillAnswers(Board board) throws IOException {
        Repl repl = board.repl();
        assertThrows(OperationTimeoutException.class, () -> repl.exec("while True:\n    pass", Duration.ofMillis(500)));
        assertEquals("42", repl.eval("6 * 7"));
    }

    @Test
    void ctrlCAsRawBytesRaisesKeyboardInterrupt(MicroPythonTransport t) throws IOException {
        t.write("\r\u0003\u0001".getBytes(StandardCharsets.US_ASCII));
        t.readUntil("raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));
        t.write("while True: pass\u0004".getBytes(StandardCharsets.US_ASCII));
        t.readUntil("OK".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));
        // Ctrl-C only interrupts once the code runs (as on a board's UART): send until it bites.
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        String reply = "";
        while (!reply.contains("\u0004>")) {
            deadline.check("KeyboardInterrupt after Ctrl-C");
            t.write(new byte[] {3});
            try {
                reply += new String(t.readUntil("\u0004>".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(200)),
                        StandardCharsets.UTF_8);
            } catch (OperationTimeoutException e) {
                // not yet: the loop had not started
            }
        }
        assertTrue(reply.contains("KeyboardInterrupt"), reply);
        t.write("print('alive')\u0004".getBytes(StandardCharsets.US_ASCII));
        String after = new String(t.readUntil("\u0004>".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10)),
                StandardCharsets.UTF_8);
        assertTrue(after.endsWith("OKalive\n\u0004\u0004>"), AbstractTransport.printable(after.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deepRecursionWorksAndRunawayRecursionIsAPythonError(Board board) throws IOException {
        Repl repl = board.repl();
        repl.exec("def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)");
        assertEquals("100", repl.eval("depth(100)"));
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> repl.exec("depth(100000)"));
        assertEquals("RuntimeError", e.type());
        assertEquals("maximum recursion depth exceeded", e.remoteMessage());
        assertEquals("120", repl.eval("depth(120)"));
    }

    @Test
    void filesThroughTheReplApi(Board board, MicroPythonTransport transport, @TempDir Path tmp) throws IOException {
        BoardFiles files = board.repl().files();
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        Path src = Files.write(tmp.resolve("all.bin"), data);
        files.mkdir("/lib");
        files.put(src, "/lib/all.bin");
        files.put("print('hi')\n".getBytes(StandardCharsets.UTF_8), "/main.py");
        assertEquals(3000, files.stat("/lib/all.bin").size());
        assertArrayEquals(data, files.cat("/lib/all.bin"));
        Path back = tmp.resolve("back.bin");
        files.get("/lib/all.bin", back);
        assertArrayEquals(data, Files.readAllBytes(back));
        assertArrayEquals(data, transport.fileSystem().readFile("/lib/all.bin"), "the Java view sees the same bytes");

        List<String> names = files.ls("/").stream().map(RemoteFile::name).sorted().toList();
        assertEquals(List.of("lib", "main.py"), names);
        files.rename("/main.py", "/lib/boot.py");
        assertFalse(files.exists("/main.py"));
        assertEquals("print('hi')\n", new String(files.cat("/lib/boot.py"), StandardCharsets.UTF_8));
        files.rm("/lib/boot.py");
        files.rm("/lib/all.bin");
        files.rmdir("/lib");
        assertTrue(files.ls("/").isEmpty());
        assertThrows(RemoteFileNotFoundException.class, () -> files.cat("/lib/all.bin"));
    }

    @Test
    void rawFileOperationsOnOs(Board board) throws IOException {
        String out = board.repl().exec(String.join("\n",
                "import os",
                "with open('a.txt', 'w') as f: f.write('hello')",
                "with open('a.txt', 'a') as f: f.write(' world')",
                "print(open('a.txt').read())",
                "os.mkdir('d')",
                "os.rename('a.txt', 'd/b.txt')",
                "print(os.listdir(), os.listdir('d'), os.stat('d/b.txt')[6])",
                "os.chdir('d'); print(os.getcwd(), open('b.txt').read(5)); os.chdir('/')",
                "os.remove('d/b.txt'); os.rmdir('d'); print(os.listdir())",
                "print(os.statvfs('/')[0:3])")).stdout();
        assertEquals("hello world\n['d'] ['b.txt'] 11\n/d hello\n[]\n(4096, 4096, 512)\n", out);
    }

    @Test
    void softResetClearsVariablesButKeepsFiles(Board board) throws IOException {
        Repl repl = board.repl();
        repl.exec("x = 1\nopen('keep.txt', 'w').write('kept')");
        repl.softReset();
        assertEquals("False", repl.eval("'x' in globals()"));
        assertEquals("'kept'", repl.eval("open('keep.txt').read()"));
    }

    @Test
    void rawPasteIsRefusedSoTheSdkFallsBackToTheRawRepl(Board board) throws IOException {
        Repl repl = board.repl();
        String big = "x = 0\n" + "x += 1\n".repeat(2000) + "print(x)";
        assertEquals("2000", repl.exec(big).text());
        assertEquals(Repl.RawPaste.UNSUPPORTED, repl.rawPaste());
    }

    @Test
    void eachBoardIsFreshAndOpensThroughTheVirtualScheme(Board board) throws IOException {
        board.repl().exec("marker = 1");
        try (Board other = Board.open("virtual:micropython")) {
            assertInstanceOf(MicroPythonTransport.class, other.transport());
            assertEquals("False", other.repl().eval("'marker' in globals()"));
        }
        assertEquals("True", board.repl().eval("'marker' in globals()"));
    }

    @Test
    void aBoardThatTrapsSaysSoInsteadOfHanging(MicroPythonTransport t) throws IOException {
        t.write("\r\u0003\u0001".getBytes(StandardCharsets.US_ASCII));
        t.readUntil("raw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));
        // An out-of-bounds read is a wasm trap: the interpreter cannot go on.
        t.write("import uctypes\nuctypes.bytearray_at(0xfffffff0, 8)[0]\u0004".getBytes(StandardCharsets.US_ASCII));
        TransportClosedException e = assertThrows(TransportClosedException.class,
                () -> t.readUntil("never".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("died"), e.getMessage());
        assertNotNull(e.getCause());
        assertInstanceOf(ChicoryException.class, e.getCause());
        assertThrows(TransportClosedException.class, () -> t.write(new byte[] {'1'}));
    }

    @Test
    void memoryGrowsOnDemandUpToTheLimitThenMemoryError(Board board) throws IOException {
        Repl repl = board.repl();
        // A board starts with about 1.5 MiB of wasm memory; this needs it to grow well past that.
        assertEquals("24", repl.eval("len([bytearray(1 << 20) for _ in range(24)])"));
        assertEquals("24", repl.eval("len(bytearray(24 << 20)) >> 20"));
        // Beyond the default 128 MiB limit the heap cannot grow: a Python error, the board lives on.
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> repl.exec("b = bytearray(200 << 20)"));
        assertEquals("MemoryError", e.type());
        assertEquals("2", repl.eval("1 + 1"));
    }

    @Test
    void jsModuleHasNoAttributesHere(Board board) throws IOException {
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> board.repl().exec("import js\njs.document"));
        assertEquals("AttributeError", e.type());
        assertEquals("3", board.repl().eval("__import__('jsffi').to_js(3)"));
    }
}
