package org.mpysdk.firmware.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.testkit.micropython.MicroPythonOptions;
import org.mpysdk.testkit.micropython.MicroPythonTransport;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/**
 * {@code mip install} onto MicroPython 1.27 in the JVM, from an index served by MockWebServer: real
 * micropython-lib packages read from its git mirror at test time, and small packages of our own for
 * the failure cases.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(120)
class MipInstallTest {
    @TempDir
    Path dir;
    LocalIndex index;
    IndexServer server;

    @BeforeEach
    void serve() throws IOException {
        index = new LocalIndex(dir);
        server = new IndexServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PackageInstaller installer() {
        return PackageInstaller.builder().index(server.url()).build();
    }

    private static String run(Board board, String code) throws IOException {
        return board.repl().exec("import sys\nif '/lib' not in sys.path: sys.path.append('/lib')\n" + code).stdout().strip();
    }

    @Test
    void realPackagesWithTheirDependenciesInstallAndImport(Board board) throws IOException {
        MicropythonLib lib = MicropythonLib.require();
        for (String p : List.of("logging", "binascii", "base64", "collections", "collections-defaultdict")) {
            index.publish(lib.release("python-stdlib/" + p));
        }
        InstallReport r = installer().install(board, "logging", "base64", "collections-defaultdict");

        assertEquals(List.of("logging", "base64", "binascii", "collections-defaultdict", "collections"),
                r.packages().stream().map(InstalledPackage::name).toList());
        assertTrue(r.written().containsAll(List.of("/lib/logging.py", "/lib/base64.py", "/lib/binascii.py",
                "/lib/collections/__init__.py", "/lib/collections/defaultdict.py")), r.written().toString());
        assertEquals("py", r.packages().get(0).variant(), "the index has only sources");
        assertEquals("WARNING:hello from mip", run(board, "import logging\n"
                + "logging.basicConfig(stream=sys.stdout, format='%(levelname)s:%(message)s')\n"
                + "logging.getLogger('app').warning('hello from mip')"));
        assertEquals("b'bWlw'", run(board, "import base64\nprint(base64.b64encode(b'mip'))"));
        assertEquals("7", run(board, "from collections.defaultdict import defaultdict\n"
                + "d = defaultdict(int)\nd['x'] += 7\nprint(d['x'])"));
    }

    @Test
    void aSecondInstallSkipsWhatTheBoardAlreadyHas(Board board) throws IOException {
        index.publish(new LocalIndex.Release("greet", "1.0", "py", LocalIndex.files(
                "greet/__init__.py", "from .words import HELLO\ndef hello(n): return HELLO + ' ' + n\n"),
                List.of(List.of("greet-words", ""))));
        index.publish(new LocalIndex.Release("greet-words", "0.1", "py", LocalIndex.files(
                "greet/words.py", "HELLO = 'hello'\n"), List.of()));
        InstallReport first = installer().install(board, "greet");
        assertEquals(List.of("/lib/greet/__init__.py", "/lib/greet/words.py"), first.written());
        assertEquals("hello mip", run(board, "import greet\nprint(greet.hello('mip'))"));

        List<Progress> events = new CopyOnWriteArrayList<>();
        board.onProgress(events::add);
        InstallReport second = installer().install(board, "greet");
        assertEquals(List.of(), second.written());
        assertEquals(List.of("/lib/greet/__init__.py", "/lib/greet/words.py"), second.unchanged());
        assertTrue(events.stream().noneMatch(p -> p.operation().equals("put")), "nothing sent: " + events);
        assertTrue(events.stream().anyMatch(p -> p.phase().equals("unchanged /lib/greet/words.py")), events.toString());
    }

    @Test
    void aFileWithTheWrongHashFailsTypedAndNothingIsWritten(Board board, MicroPythonTransport transport) throws IOException {
        byte[] tampered = "B = 2\n".getBytes(StandardCharsets.UTF_8);
        index.publish(new LocalIndex.Release("pair", "1.0", "py", LocalIndex.files("pair_a.py", "A = 1\n", "pair_b.py", "B = 1\n"),
                List.of()));
        Path b = index.fileFor("B = 1\n".getBytes(StandardCharsets.UTF_8));
        server.replaced.put("/" + dir.relativize(b).toString().replace('\\', '/'), tampered);

        PackageHashMismatchException e = assertThrows(PackageHashMismatchException.class, () -> installer().install(board, "pair"));
        assertTrue(e.getMessage().contains("pair_b.py") && e.getMessage().contains("nothing was written"), e.getMessage());
        assertEquals(FileDownloader.sha256(tampered), e.actual());
        assertFalse(transport.fileSystem().exists("/lib/pair_a.py"), "the good file was not written either");
        assertFalse(transport.fileSystem().exists("/lib/pair_b.py"));
    }

    @Test
    void aMissingPackageOrVersionSaysWhatExists(Board board, MicroPythonTransport transport) throws IOException {
        index.publish(new LocalIndex.Release("logging", "0.6.2", "py", LocalIndex.files("logging.py", "x = 1\n"), List.of()));
        PackageNotFoundException missing = assertThrows(PackageNotFoundException.class, () -> installer().install(board, "loging"));
        assertTrue(missing.getMessage().contains("has no package loging") && missing.getMessage().contains("did you mean logging"),
                missing.getMessage());

        PackageVersionNotFoundException version = assertThrows(PackageVersionNotFoundException.class,
                () -> installer().install(board, "logging@9.9"));
        assertEquals(List.of("0.6.2"), version.available());
        assertTrue(version.getMessage().contains("logging@0.6.2"), version.getMessage());

        index.publish(new LocalIndex.Release("app", "1.0", "py", LocalIndex.files("app.py", "import nothere\n"),
                List.of(List.of("nothere", ""))));
        PackageNotFoundException dep = assertThrows(PackageNotFoundException.class, () -> installer().install(board, "app"));
        assertTrue(dep.getMessage().contains("a dependency of app"), dep.getMessage());
        assertFalse(transport.fileSystem().exists("/lib/app.py"), "resolved in full before anything is written");
    }

    @Test
    void theBoardsBytecodeVariantIsPreferredAndSourcesAreTheFallback(Board board) throws IOException {
        String mpy = BytecodeVersion.of(board.repl());
        assertTrue(mpy.matches("\\d+"), "MicroPython 1.27 has sys.implementation._mpy: " + mpy);
        // The variant's files are told apart by content; which one arrives shows which was chosen.
        index.publish(new LocalIndex.Release("which", "1.0", "py", LocalIndex.files("which.py", "V = 'py'\n"), List.of()));
        index.publish(new LocalIndex.Release("which", "1.0", mpy, LocalIndex.files("which.py", "V = 'mpy'\n"), List.of()));
        index.publish(new LocalIndex.Release("onlypy", "1.0", "py", LocalIndex.files("onlypy.py", "V = 'only'\n"), List.of()));

        InstallReport r = installer().install(board, "which", "onlypy");
        assertEquals(List.of(mpy, "py"), r.packages().stream().map(InstalledPackage::variant).toList());
        assertEquals("mpy only", run(board, "import which, onlypy\nprint(which.V, onlypy.V)"));

        InstallReport sources = PackageInstaller.builder().index(server.url()).mpy(false).build().install(board, "which");
        assertEquals("py", sources.packages().get(0).variant());
        assertTrue(server.requests().contains("/package/py/which/latest.json"), server.requests().toString());

        // Without index.json nothing says which variants exist: the board's is asked for, then the sources.
        server.statuses.put("/index.json", 404);
        server.requests().clear();
        InstallReport direct = installer().install(board, "onlypy");
        assertEquals("py", direct.packages().get(0).variant());
        assertEquals(List.of("/index.json", "/package/" + mpy + "/onlypy/latest.json", "/package/py/onlypy/latest.json"),
                server.requests().subList(0, 3));
    }

    @Test
    void unsupportedSchemesAreRefusedBeforeAnythingIsWritten(Board board, MicroPythonTransport transport) throws IOException {
        index.publish(new LocalIndex.Release("ext", "1.0", "py", LocalIndex.files("ext.py", "E = 1\n"), List.of(),
                List.of(List.of("ext_more.py", "github:someone/repo/ext_more.py"))));
        UnsupportedPackageSourceException e = assertThrows(UnsupportedPackageSourceException.class,
                () -> installer().install(board, "ext"));
        assertTrue(e.getMessage().contains("https://raw.githubusercontent.com/someone/repo/HEAD/ext_more.py"), e.getMessage());
        assertFalse(transport.fileSystem().exists("/lib/ext.py"));
        assertThrows(UnsupportedPackageSourceException.class, () -> installer().install(board, "gitlab:org/repo"));
        assertThrows(UnsupportedPackageSourceException.class, () -> installer().install(board, "./local/pkg.json"));
    }

    @Test
    void relativeUrlsAndSingleFileUrlsAreFetched(Board board) throws IOException {
        index.publish(new LocalIndex.Release("rel", "1.0", "py", LocalIndex.files("rel.py", "from rel_extra import X\n"),
                List.of(), List.of(List.of("rel_extra.py", "extra/rel_extra.py"))));
        java.nio.file.Files.createDirectories(dir.resolve("package/py/rel/extra"));
        java.nio.file.Files.writeString(dir.resolve("package/py/rel/extra/rel_extra.py"), "X = 'relative'\n");
        java.nio.file.Files.writeString(dir.resolve("single.py"), "S = 'single'\n");

        InstallReport r = installer().install(board, "rel", server.url() + "/single.py");
        assertEquals(List.of("/lib/rel.py", "/lib/rel_extra.py", "/lib/single.py"), r.written());
        assertEquals("relative single", run(board, "import rel, single\nprint(rel.X, single.S)"));
    }

    @Test
    void networkFailuresAreTyped(Board board) throws IOException {
        server.statuses.put("/index.json", 503);
        PackageDownloadException e = assertThrows(PackageDownloadException.class, () -> installer().install(board, "x"));
        assertEquals(503, e.httpStatus());
        assertTrue(e.getMessage().contains("try again later"), e.getMessage());

        server.statuses.remove("/index.json");
        index.publish(new LocalIndex.Release("half", "1.0", "py", LocalIndex.files("half.py", "H = 1\n"), List.of()));
        server.statuses.put("/package/py/half/1.0.json", 404);
        PackageDownloadException half = assertThrows(PackageDownloadException.class, () -> installer().install(board, "half@1.0"));
        assertTrue(half.getMessage().contains("half updated"), half.getMessage());

        String url = server.url();
        server.close();
        PackageDownloadException down = assertThrows(PackageDownloadException.class,
                () -> PackageInstaller.builder().index(url).build().install(board, "x"));
        assertEquals(-1, down.httpStatus());
        assertTrue(down.getMessage().contains("network"), down.getMessage());
    }

    @Test
    void installsIntoAnotherTarget(Board board) throws IOException {
        index.publish(new LocalIndex.Release("tgt", "1.0", "py", LocalIndex.files("tgt/deep/t.py", "T = 3\n"), List.of()));
        InstallReport r = PackageInstaller.builder().index(server.url()).target("/flash/pkgs/").build().install(board, "tgt");
        assertEquals("/flash/pkgs", r.target());
        assertEquals(List.of("/flash/pkgs/tgt/deep/t.py"), r.written());
        assertArrayEquals("T = 3\n".getBytes(StandardCharsets.UTF_8), board.repl().files().cat("/flash/pkgs/tgt/deep/t.py"));
    }

    @Test
    void aFullBoardFailsTypedAndSaysWhatWasWritten() throws IOException {
        String big = "# filler\n".repeat(2000);
        index.publish(new LocalIndex.Release("roomy", "1.0", "py", LocalIndex.files("a_small.py", "S = 1\n", "b_big.py", big),
                List.of()));
        try (Board small = Board.open("virtual:micropython", MicroPythonOptions.defaults().withFileSystemBytes(3 * 4096))) {
            BoardOutOfSpaceException e = assertThrows(BoardOutOfSpaceException.class, () -> installer().install(small, "roomy"));
            assertEquals(List.of("/lib/a_small.py"), e.installed());
            assertTrue(e.getMessage().contains("/lib/b_big.py") && e.getMessage().contains("free space"), e.getMessage());
            assertFalse(small.repl().files().exists("/lib/b_big.py"), "a put replaces a file only when complete");
        }
    }

    @Test
    void aCancelStopsBetweenFiles(Board board, MicroPythonTransport transport) throws IOException {
        index.publish(new LocalIndex.Release("two", "1.0", "py", LocalIndex.files("two_a.py", "A = 1\n", "two_b.py", "B = 1\n"),
                List.of()));
        board.onProgress(p -> {
            if (p.phase().equals("install /lib/two_a.py")) {
                board.cancel();
            }
        });
        OperationCancelledException e = assertThrows(OperationCancelledException.class, () -> installer().install(board, "two"));
        assertFalse(transport.fileSystem().exists("/lib/two_b.py"), e.getMessage());
        board.onProgress(null);
        InstallReport again = installer().install(board, "two");
        assertTrue(again.written().contains("/lib/two_b.py"), "a new install after the cancel runs normally: " + again);
    }
}
