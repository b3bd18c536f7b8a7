package org.mpysdk.testkit.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mpysdk.Board;
import org.mpysdk.core.Transport;
import org.mpysdk.core.Transports;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.ExecResult;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.serial.SerialTransportProvider;
import org.mpysdk.testkit.qemu.QemuMicrobit;
import org.mpysdk.testkit.qemu.QemuMicrobitExtension;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplSetup;
import org.mpysdk.webrepl.WebReplStatus;
import org.mpysdk.webrepl.WebReplTransportProvider;

/**
 * WebREPL against real MicroPython: WebReplServer's terminal is the QEMU micro:bit (MicroPython v1.9.2)
 * over its pty, so code sent through the SDK's WebREPL client runs on real MicroPython; and the set-up
 * over serial writes real files on the micro:bit's filesystem.
 */
@Tag("peer")
@ExtendWith(QemuMicrobitExtension.class)
@Timeout(120)
class WebReplQemuTest {
    private static final String PASSWORD = "pw1234";

    private static Transport pty(QemuMicrobit qemu) throws IOException {
        return Transports.open(qemu.pty(), List.of(new SerialTransportProvider()));
    }

    private static Board overWebRepl(WebReplServer server) throws IOException {
        return Board.open(Transports.open(server.uri(), List.of(new WebReplTransportProvider()), WebRepl.password(PASSWORD)));
    }

    @Test
    void execRunsOnRealMicroPythonThroughWebRepl(QemuMicrobit qemu) throws IOException {
        try (Transport serial = pty(qemu);
             WebReplServer server = WebReplServer.builder().password(PASSWORD).terminal(serial).start();
             Board board = overWebRepl(server)) {
            Repl repl = board.repl();
            assertEquals("42", repl.exec("print(6 * 7)").text());
            assertEquals("'micro:bit'", repl.eval("'micro' + ':bit'"));
            // Non-ASCII output (UTF-8 from real MicroPython) arrives byte for byte.
            ExecResult r = repl.exec("print('\\xe9\\u20ac')");
            assertArrayEquals("é€\r\n".getBytes(StandardCharsets.UTF_8), r.stdoutBytes());
            BoardCodeException e = assertThrows(BoardCodeException.class, () -> repl.exec("1/0"));
            assertEquals("ZeroDivisionError", e.type());
            // 600 bytes of code (the micro:bit has 16 KB of RAM, the WebREPL server takes part of it, and the
            // guard holds code twice while it checks it): several paced frames, all at most 255 bytes.
            StringBuilder code = new StringBuilder("t = 0\n");
            for (int i = 0; i < 15; i++) {
                code.append("t += ").append(i).append("  # padding to make the script longer\n");
            }
            code.append("print(t)\n");
            assertEquals(String.valueOf(14 * 15 / 2), repl.exec(code.toString()).text());
            assertTrue(server.largestTextFrame() <= 255, "largest frame " + server.largestTextFrame());
        }
    }

    @Test
    void setupOverSerialWritesTheFilesIdempotentlyAndDisableUndoesIt(QemuMicrobit qemu) throws IOException {
        try (Board board = Board.open(pty(qemu))) {
            BoardFiles fs = board.repl().files();
            for (String f : List.of(WebReplSetup.CONFIG, WebReplSetup.BOOT)) {
                if (fs.exists(f)) {
                    fs.rm(f);
                }
            }
            fs.put("import gc\n".getBytes(StandardCharsets.UTF_8), WebReplSetup.BOOT);
            WebReplSetup setup = WebRepl.setup(board);
            assertEquals(new WebReplStatus(false, false), setup.status());

            setup.enable("s3cret");
            setup.enable("s3cret");
            assertEquals("PASS = 's3cret'\n", new String(fs.cat(WebReplSetup.CONFIG), StandardCharsets.UTF_8));
            String boot = new String(fs.cat(WebReplSetup.BOOT), StandardCharsets.UTF_8);
            assertEquals("import gc\nimport webrepl\nwebrepl.start()\n", boot);
            assertEquals(1, startLines(boot));
            assertTrue(setup.status().enabled());
            // The board reads the password back as Python would.
            assertEquals("'s3cret'", board.repl().eval("__import__('webrepl_cfg').PASS"));

            setup.disable();
            assertFalse(fs.exists(WebReplSetup.CONFIG));
            assertEquals("import gc\n#import webrepl\n#webrepl.start()\n",
                    new String(fs.cat(WebReplSetup.BOOT), StandardCharsets.UTF_8));
            assertEquals(new WebReplStatus(false, false), setup.status());

            assertThrows(IllegalArgumentException.class, () -> setup.enable("abc"));
            assertThrows(IllegalArgumentException.class, () -> setup.enable("0123456789"));
            fs.rm(WebReplSetup.BOOT);
        }
    }

    /** The {@code webrepl.start(} lines boot.py runs (not commented out), counted here independently of the SDK's own editor. */
    private static long startLines(String boot) {
        return boot.lines().map(String::strip).filter(l -> !l.startsWith("#") && l.contains("webrepl.start(")).count();
    }
}
