package org.mpysdk.firmware.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.micropython.VirtualMicroPython;
import org.mpysdk.testkit.serial.ExternalProcess;

/**
 * Installs with the built peers (skipped where they are not built): real {@code .mpy} files compiled by
 * MicroPython 1.29's mpy-cross, on MicroPython 1.27 in the JVM; and the same install onto MicroPython
 * 1.29 itself under QEMU (the MPS2_AN385 qemu port), which has no filesystem at boot, so the test mounts
 * the testkit's RAM filesystem ({@code sdk-testkit/src/test/resources/bench/ramfs.py}) first.
 */
@Tag(BuiltPeers.TAG)
@Timeout(180)
class MipBuiltPeerTest {
    private static final String MPY_CROSS_HINT = "MicroPython's mpy-cross: build micropython/micropython with "
            + "../shared/peers/build-micropython (it builds mpy-cross into $MPYSDK_PEERS/micropython/mpy-cross/build)";
    private static final String QEMU_HINT = "MicroPython 1.29's qemu port: run ../shared/peers/build-micropython "
            + "(it builds $MPYSDK_PEERS/micropython/ports/qemu/build-MPS2_AN385/firmware.elf)";
    /**
     * MicroPython imports only from files with its native stream protocol; the RAM filesystem's files are
     * plain Python objects, so files opened for import ("rb") are wrapped in an io.IOBase subclass, which
     * has it (as MicroPython's own tests/extmod/vfs_userfs.py does).
     */
    private static final String IMPORTABLE = String.join("\n",
            "import io",
            "class _Importable(io.IOBase):",
            "    def __init__(self, f): self._f = f",
            "    def readinto(self, buf): return self._f.readinto(buf)",
            "    def ioctl(self, req, arg): return 0",
            "_ram_open = RamFS.open",
            "def _open(self, path, mode):",
            "    f = _ram_open(self, path, mode)",
            "    return _Importable(f) if mode == 'rb' else f",
            "RamFS.open = _open");
    private static final Pattern PTY = Pattern.compile("redirected to (/dev/pts/\\d+)");

    @TempDir
    Path dir;
    LocalIndex index;
    IndexServer server;

    @BeforeEach
    void serve() throws IOException {
        index = new LocalIndex(dir.resolve("index"));
        server = new IndexServer(dir.resolve("index"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Publishes logging's sources and, for {@code bytecode}, its .mpy compiled by mpy-cross. */
    private void publishLogging(String bytecode) throws IOException {
        LocalIndex.Release py = MicropythonLib.require().release("python-stdlib/logging");
        index.publish(py);
        Path mpyCross = BuiltPeers.require(existing(BuiltPeers.root().resolve("micropython/mpy-cross/build/mpy-cross")), MPY_CROSS_HINT);
        Path source = Files.write(dir.resolve("logging.py"), py.files().get("logging.py"));
        Path compiled = dir.resolve("logging.mpy");
        run(List.of(mpyCross.toString(), "-o", compiled.toString(), "-s", "logging.py", source.toString()));
        index.publish(new LocalIndex.Release("logging", py.version(), bytecode, Map.of("logging.mpy", Files.readAllBytes(compiled)),
                List.of()));
    }

    @Test
    @VirtualMicroPython
    void mpyFilesForTheBoardsBytecodeVersionInstallAndImport(Board board) throws IOException {
        String bytecode = BytecodeVersion.of(board.repl());
        publishLogging(bytecode);
        InstallReport r = PackageInstaller.builder().index(server.url()).build().install(board, "logging");
        assertEquals(List.of("/lib/logging.mpy"), r.written());
        assertEquals(bytecode, r.packages().get(0).variant());
        // __file__ of an .mpy is the source name given to mpy-cross (-s), as in micropython-lib's own build.
        assertEquals("['logging.mpy'] WARNING:from bytecode", board.repl().exec("import sys, os\nsys.path.append('/lib')\n"
                + "import logging\nlogging.basicConfig(stream=sys.stdout, format='%(levelname)s:%(message)s')\n"
                + "print(os.listdir('/lib'), end=' ')\nlogging.getLogger('app').warning('from bytecode')").stdout().strip());
    }

    @Test
    void installsOntoMicroPython129UnderQemu() throws IOException {
        Path elf = BuiltPeers.require(existing(BuiltPeers.root().resolve("micropython/ports/qemu/build-MPS2_AN385/firmware.elf")), QEMU_HINT);
        Path ramfs = BuiltPeers.require(existing(Path.of("..", "sdk-testkit", "src", "test", "resources", "bench", "ramfs.py")),
                "the testkit's RAM filesystem (run from the sdk-firmware module folder of this checkout)");
        publishLogging("6");
        try (ExternalProcess qemu = ExternalProcess.start(List.of("qemu-system-arm", "-semihosting", "-machine", "mps2-an385",
                "-nographic", "-monitor", "null", "-serial", "pty", "-kernel", elf.toString()))) {
            Matcher m = PTY.matcher(qemu.awaitLine(l -> PTY.matcher(l).find(), Duration.ofSeconds(10)));
            assertTrue(m.find());
            // QEMU stops reading a pty that no process holds open; keep one descriptor open meanwhile.
            try (FileInputStream keeper = new FileInputStream(m.group(1)); Board board = Board.open(m.group(1))) {
                board.repl().exec(Files.readString(ramfs));
                String bytecode = BytecodeVersion.of(board.repl());
                assertEquals("6", bytecode, "MicroPython 1.29 emits mpy v6");

                InstallReport r = PackageInstaller.builder().index(server.url()).build().install(board, "logging");
                assertEquals(List.of("/lib/logging.mpy"), r.written());
                assertEquals(List.of("/lib/logging.mpy"), PackageInstaller.builder().index(server.url()).build()
                        .install(board, "logging").unchanged(), "the second install sends nothing");
                // The qemu port's time module has no time(), which logging calls for every record: import only.
                board.repl().exec(IMPORTABLE);
                assertEquals("True", board.repl().exec("import sys\nsys.path.append('/lib')\nimport logging\n"
                        + "print(logging.getLogger('app').isEnabledFor(logging.WARNING))").stdout().strip());
                board.repl().exec("RamFS.open = _ram_open");
                InstallReport sources = PackageInstaller.builder().index(server.url()).mpy(false).build().install(board, "logging");
                assertEquals(List.of("/lib/logging.py"), sources.written());
                assertTrue(board.repl().files().verify(dir.resolve("logging.py"), "/lib/logging.py"));
            }
        }
    }

    private static Optional<Path> existing(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
