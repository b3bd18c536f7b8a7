package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.Deadline;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.MicroPythonWebReplServer;

/** {@code mpy cp/ls/rm/mkdir/sync/repl} over {@code ws://} against MicroPython's own WebREPL server. */
@Tag(BuiltPeers.TAG)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliWebReplRealServerTest {
    private static final String PASSWORD = "cli123";
    private MicroPythonWebReplServer server;

    @BeforeEach
    void start() throws IOException {
        Path script = BuiltPeers.require(BuiltPeers.webReplServerScript(), BuiltPeers.WEBREPL_SERVER_HINT);
        server = MicroPythonWebReplServer.start(script, PASSWORD);
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the peer is not built and start() skipped the test
            server.close();
        }
    }

    private CliRun mpy(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-p";
        all[1] = server.uri();
        all[2] = "--password";
        all[3] = PASSWORD;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    @Test
    void copyListRemoveAndMakeFoldersOverWebRepl(@TempDir Path dir) throws Exception {
        byte[] data = new byte[200 * 1024];
        new Random(7).nextBytes(data);
        Path local = dir.resolve("data.bin");
        Files.write(local, data);

        long t0 = System.nanoTime();
        CliRun put = mpy("--json", "cp", local.toString(), ":/data.bin");
        double putSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, put.exitCode(), put.stderr());
        assertTrue(put.stdout().replace(" ", "").contains("\"copied\":1"), put.stdout());
        assertArrayEquals(data, Files.readAllBytes(server.root().resolve("data.bin")));
        // Through the REPL this took 37 s; the file protocol needs well under a second here.
        assertTrue(putSeconds < 10, "cp of 200 KB took " + putSeconds + " s");

        CliRun again = mpy("--json", "cp", local.toString(), ":/data.bin");
        assertTrue(again.stdout().replace(" ", "").contains("\"unchanged\":1"), again.stdout());

        Path back = dir.resolve("back.bin");
        CliRun get = mpy("-q", "cp", ":/data.bin", back.toString());
        assertEquals(0, get.exitCode(), get.stderr());
        assertArrayEquals(data, Files.readAllBytes(back));

        assertEquals(0, mpy("mkdir", ":/lib/deep").exitCode());
        assertTrue(Files.isDirectory(server.root().resolve("lib/deep")));
        CliRun ls = mpy("ls", ":/");
        // (The unix port's ilistdir gives no sizes, so the size column says -1 here; boards give it.)
        assertTrue(ls.stdout().contains("  data.bin"), ls.stdout());
        assertTrue(ls.stdout().contains("<dir>  lib/"), ls.stdout());
        assertEquals(0, mpy("rm", ":/data.bin").exitCode());
        assertFalse(Files.exists(server.root().resolve("data.bin")));

        CliRun missing = mpy("cp", ":/nothing.bin", dir.resolve("n.bin").toString());
        assertEquals(3, missing.exitCode(), "not found, as over serial (a BoardCodeException)");
        assertTrue(missing.stderr().contains("nothing.bin"), missing.stderr());
    }

    @Test
    void syncCopiesOnlyWhatChanged(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/pkg"));
        Files.writeString(dir.resolve("src/main.py"), "print('main')\n");
        Files.writeString(src.resolve("util.py"), "X = 1\n");
        CliRun first = mpy("sync", dir.resolve("src").toString(), ":/app");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stdout().startsWith("2 copied"), first.stdout());
        assertEquals("X = 1\n", Files.readString(server.root().resolve("app/pkg/util.py")));
        Files.writeString(src.resolve("util.py"), "X = 2\n");
        CliRun second = mpy("sync", dir.resolve("src").toString(), ":/app");
        assertTrue(second.stdout().startsWith("1 copied"), second.stdout());
        assertTrue(second.stdout().contains("1 unchanged"), second.stdout());
        assertEquals("X = 2\n", Files.readString(server.root().resolve("app/pkg/util.py")));
    }

    @Test
    void replWorksOverWebRepl() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
        InputStream keys = new InputStream() {
            private int step;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] next;
                if (step++ == 0) {
                    next = "6*7\n".getBytes(StandardCharsets.US_ASCII);
                } else {
                    // Leave (Ctrl-]) once the answer is on the screen, or after 10 s.
                    Deadline deadline = Deadline.after(java.time.Duration.ofSeconds(10));
                    while (!out.toString(StandardCharsets.ISO_8859_1).contains("42") && !deadline.expired()) {
                        Thread.onSpinWait();
                    }
                    next = new byte[] {0x1D};
                }
                System.arraycopy(next, 0, b, off, next.length);
                return next.length;
            }
        };
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        System.setOut(captured);
        System.setIn(keys);
        int code;
        try {
            code = Mpy.run("-p", server.uri(), "--password", PASSWORD, "repl");
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.ISO_8859_1).contains("42"), out.toString(StandardCharsets.ISO_8859_1));
    }
}
