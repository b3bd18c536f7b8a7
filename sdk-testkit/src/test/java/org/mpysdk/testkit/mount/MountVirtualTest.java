package org.mpysdk.testkit.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.mpysdk.core.repl.MountOptions;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplProtocolException;
import org.mpysdk.testkit.loss.LossProfile;
import org.mpysdk.testkit.loss.LossyTransport;
import org.mpysdk.testkit.micropython.MicroPythonTransport;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/**
 * A host folder mounted on MicroPython 1.27 in the JVM (mpremote's {@code mount}): the board imports
 * from it and writes into it over the REPL's link; {@code ..} and links out of the folder are refused;
 * a soft reset is followed by a remount; a lossy link changes nothing that is read or written.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(180)
class MountVirtualTest {
    @TempDir
    Path tmp;

    private Path app() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("hello.py"), "print('loaded')\ndef greet(n):\n    return 'hi ' + n\n");
        Files.createDirectories(app.resolve("pkg"));
        Files.writeString(app.resolve("pkg/__init__.py"), "VALUE = 42\n");
        return app;
    }

    @Test
    void theBoardImportsFromTheFolderAndWritesIntoIt(Board board) throws IOException {
        Path app = app();
        Repl repl = board.repl();
        try (Mount m = repl.mount(app)) {
            assertEquals("/remote", repl.eval("__import__('os').getcwd()").replace("'", ""));
            assertEquals("loaded\nhi you", repl.exec("import hello\nprint(hello.greet('you'))").text().strip().replace("\r", ""));
            assertEquals("42", repl.eval("__import__('pkg').VALUE"));
            repl.exec("with open('out.txt', 'w') as f:\n    f.write('from the board\\n')\nimport os\nos.mkdir('made')\nos.rename('out.txt', 'made/o.txt')");
            assertEquals("from the board\n", Files.readString(app.resolve("made/o.txt")));
            assertEquals("['hello.py', 'made', 'pkg']", repl.eval("sorted(__import__('os').listdir())"));
            assertEquals("(32768, 15)", repl.eval("(lambda s: (s[0], s[6]))(__import__('os').stat('made/o.txt'))"));
            assertEquals("b'from'", repl.eval("open('made/o.txt', 'rb').read(4)"));
            assertTrue(m.requestsServed() > 5, "served " + m.requestsServed());
        }
        assertFalse(repl.eval("__import__('os').listdir('/')").contains("remote"), "unmounted");
        assertEquals("False", repl.eval("'__MC' in globals()"));
    }

    @Test
    void dotDotAndLinksOutTheFolderAreRefused(Board board) throws IOException {
        Path app = app();
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for the board");
        Files.createSymbolicLink(app.resolve("out"), tmp);
        Files.createSymbolicLink(app.resolve("inside"), app.resolve("pkg"));
        Repl repl = board.repl();
        try (Mount m = repl.mount(app)) {
            String probe = "def t(p):\n try:\n  return open(p).read()\n except OSError as e:\n  return 'OSError %d' % e.errno\n";
            repl.exec(probe);
            assertTrue(repl.eval("t('../secret.txt')").startsWith("'OSError"), "no way out through ..");
            assertEquals("'OSError 1'", repl.eval("t('out/secret.txt')"));
            assertEquals("'OSError 1'", repl.eval("t('/remote/out/secret.txt')"));
            assertEquals("'VALUE = 42\\n'", repl.eval("t('inside/__init__.py')"), "a link inside the folder is followed");
        }
        assertEquals("not for the board", Files.readString(secret));
    }

    @Test
    void aSoftResetIsFollowedByARemount(Board board) throws IOException {
        Path app = app();
        Repl repl = board.repl();
        try (Mount m = repl.mount(app)) {
            repl.exec("import hello");
            repl.softReset();
            repl.exec("import hello");
            assertEquals("'hi again'", repl.eval("__import__('hello').greet('again')"));
            assertEquals("/remote", repl.eval("__import__('os').getcwd()").replace("'", ""));
            // A terminal's soft reset, which the REPL does not see: the terminal asks for the remount itself.
            repl.leave();
            board.transport().write(new byte[] {0x04});
            board.transport().readUntil("MPY: soft reboot".getBytes(java.nio.charset.StandardCharsets.US_ASCII), java.time.Duration.ofSeconds(10));
            m.remount();
            repl.exec("import hello");
            assertEquals("'hi terminal'", repl.eval("__import__('hello').greet('terminal')"));
        }
    }

    @Test
    void readOnlyRefusesWrites(Board board) throws IOException {
        Path app = app();
        Repl repl = board.repl();
        try (Mount m = repl.mount(app, MountOptions.defaults().withReadOnly(true).withMountPoint("/app"))) {
            assertEquals("/app", repl.eval("__import__('os').getcwd()").replace("'", ""));
            String out = repl.exec("try:\n open('x.txt', 'w')\nexcept OSError as e:\n print(e.errno)").text().strip();
            assertEquals("30", out);
        }
        assertFalse(Files.exists(app.resolve("x.txt")));
    }

    /**
     * One byte in a thousand dropped or changed each way. The REPL may still refuse to trust an answer
     * (a typed {@link ReplProtocolException}: the step is repeated, it is idempotent); what the board
     * reads from the folder and writes into it is never different.
     */
    @Test
    void aLossyLinkChangesNothingReadOrWritten() throws Exception {
        Path app = app();
        StringBuilder big = new StringBuilder("DATA = [\n");
        long total = 0;
        for (int i = 0; i < 300; i++) {
            big.append("    ").append(i * 7919 % 100003).append(",  # line ").append(i).append('\n');
            total += i * 7919 % 100003;
        }
        big.append("]\nTOTAL = sum(DATA)\n");
        Files.writeString(app.resolve("big.py"), big);
        byte[] payload = new byte[3000];
        new java.util.Random(7).nextBytes(payload);
        Files.write(app.resolve("blob.bin"), payload);
        LossyTransport link = new LossyTransport(MicroPythonTransport.start(), LossProfile.oneIn(1000, 11));
        try (Board board = Board.open(link); Mount m = retrying(() -> board.repl().mount(app))) {
            Repl repl = board.repl();
            assertEquals(Long.toString(total), retrying(() -> repl.eval("__import__('big').TOTAL")));
            assertEquals(Integer.toString(hash(payload)),
                    retrying(() -> repl.eval("(lambda d: sum(d) * 31 + len(d))(open('blob.bin', 'rb').read())")));
            retrying(() -> repl.exec("f = open('copy.bin', 'wb')\nf.write(open('blob.bin', 'rb').read())\nf.close()"));
            assertTrue(java.util.Arrays.equals(payload, Files.readAllBytes(app.resolve("copy.bin"))), "the copy written by the board");
            assertTrue(link.counts().total() > 0, "faults were injected: " + link.counts());
        }
    }

    private static <T> T retrying(java.util.concurrent.Callable<T> step) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.call();
            } catch (ReplProtocolException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
    }

    private static int hash(byte[] d) {
        int sum = 0;
        for (byte b : d) {
            sum += b & 0xFF;
        }
        return sum * 31 + d.length;
    }
}
