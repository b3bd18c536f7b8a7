package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.DiskUsage;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.RemoteFileNotFoundException;

/**
 * {@code df}, {@code tree}, {@code sha256} and {@code touch} (mpremote's {@code fs} commands) against
 * MicroPython 1.27 in the JVM, each checked against what the virtual filesystem holds or what Java
 * computes, and each leaving no SDK name in the board's globals.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(120)
class BoardFilesInfoTest {
    private static final String LEFT_NAMES = "[n for n in globals() if n.startswith('__m') and n not in ('__mg', '__mgh')]";

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void dfReportsTheVirtualFilesystemsSizeAndFreeSpace(Board board, MicroPythonTransport transport) throws IOException {
        BoardFiles fs = board.repl().files();
        DiskUsage before = fs.df("/");
        assertEquals(MemoryFileSystem.BLOCK_SIZE, before.blockSize());
        assertEquals(MicroPythonOptions.defaults().fileSystemBytes(), before.totalBytes());
        assertEquals(transport.fileSystem().freeBytes(), before.freeBytes());
        assertEquals(before.totalBytes() - before.freeBytes(), before.usedBytes());

        fs.put(random(10_000), "/data.bin"); // three 4 KiB blocks
        DiskUsage after = fs.df("/");
        assertEquals(before.freeBytes() - 3 * MemoryFileSystem.BLOCK_SIZE, after.freeBytes());
        assertEquals(transport.fileSystem().freeBytes(), after.freeBytes());
        assertEquals((int) (100 * after.usedBytes() / after.totalBytes()), after.usedPercent());
        assertEquals("[]", board.repl().eval(LEFT_NAMES));
    }

    @Test
    void dfOfAMissingPathIsNotFound(Board board) throws IOException {
        RemoteFileNotFoundException e = assertThrows(RemoteFileNotFoundException.class, () -> board.repl().files().df("/nope"));
        assertEquals("/nope", e.path());
        assertEquals("[]", board.repl().eval(LEFT_NAMES));
    }

    @Test
    void treeListsEveryLevelSortedWithSizes(Board board) throws IOException {
        BoardFiles fs = board.repl().files();
        fs.mkdir("/lib/drivers");
        fs.put("bb".getBytes(StandardCharsets.UTF_8), "/lib/b.py");
        fs.put("a".getBytes(StandardCharsets.UTF_8), "/lib/a.py");
        fs.put(new byte[300], "/lib/drivers/x.py");
        fs.put("m".getBytes(StandardCharsets.UTF_8), "/main.py");

        List<RemoteFile> all = fs.tree("/");
        assertEquals(List.of(
                new RemoteFile("/lib", "lib", 0, true),
                new RemoteFile("/lib/a.py", "a.py", 1, false),
                new RemoteFile("/lib/b.py", "b.py", 2, false),
                new RemoteFile("/lib/drivers", "drivers", 0, true),
                new RemoteFile("/lib/drivers/x.py", "x.py", 300, false),
                new RemoteFile("/main.py", "main.py", 1, false)), all);
        assertEquals(all.subList(1, 5), fs.tree("/lib/"), "a sub-folder, trailing slash allowed");
        assertEquals("[]", board.repl().eval(LEFT_NAMES));
    }

    @Test
    void treeOfAFileOrAMissingFolderFailsTyped(Board board) throws IOException {
        BoardFiles fs = board.repl().files();
        fs.put(new byte[] {1}, "/f.bin");
        BoardCodeException notDir = assertThrows(BoardCodeException.class, () -> fs.tree("/f.bin"));
        assertEquals(20, notDir.errno(), notDir.getMessage());
        assertThrows(RemoteFileNotFoundException.class, () -> fs.tree("/missing"));
        assertEquals("[]", board.repl().eval(LEFT_NAMES));
    }

    @Test
    void sha256MatchesJavasDigestOfTheSameBytes(Board board, MicroPythonTransport transport) throws Exception {
        BoardFiles fs = board.repl().files();
        byte[] data = random(5_000);
        fs.put(data, "/blob.bin");
        fs.put(new byte[0], "/empty");
        assertEquals(sha256(transport.fileSystem().readFile("/blob.bin")), fs.sha256("/blob.bin"));
        assertEquals(sha256(data), fs.sha256("/blob.bin"));
        assertEquals(sha256(new byte[0]), fs.sha256("/empty"));
        assertThrows(RemoteFileNotFoundException.class, () -> fs.sha256("/nope.bin"));
        assertEquals("[]", board.repl().eval(LEFT_NAMES));
    }

    /** The micro:bit's limit on a modern interpreter: with hashlib hidden the host hashes a verified read. */
    @Test
    void sha256WithoutHashlibIsComputedOnTheHost(Board board) throws Exception {
        // Before the first file operation, so that the feature probe sees no sha256 in either module name.
        board.repl().exec("import sys\nclass __X:\n pass\nsys.modules['hashlib']=__X()\nsys.modules['uhashlib']=__X()\ndel __X");
        BoardFiles fs = board.repl().files();
        assertNull(fs.features().hashlib());
        byte[] data = random(3_000);
        fs.put(data, "/blob.bin");
        List<String> ops = new java.util.ArrayList<>();
        board.onProgress(p -> ops.add(p.operation()));
        assertEquals(sha256(data), fs.sha256("/blob.bin"));
        assertTrue(ops.contains("sha256"), "the file was read to the host: " + ops);
        assertThrows(RemoteFileNotFoundException.class, () -> fs.sha256("/nope.bin"));
    }

    @Test
    void touchCreatesAMissingFileAndNeverChangesAnExistingOne(Board board, MicroPythonTransport transport) throws IOException {
        BoardFiles fs = board.repl().files();
        assertTrue(fs.touch("/new.txt"));
        assertArrayEquals(new byte[0], transport.fileSystem().readFile("/new.txt"));

        byte[] data = random(1_000);
        fs.put(data, "/keep.bin");
        assertFalse(fs.touch("/keep.bin"));
        assertArrayEquals(data, transport.fileSystem().readFile("/keep.bin"), "touch left the content as it was");
        assertFalse(fs.touch("/new.txt"));

        fs.mkdir("/d");
        assertThrows(BoardCodeException.class, () -> fs.touch("/d"), "a folder is in the way");
        assertThrows(RemoteFileNotFoundException.class, () -> fs.touch("/no/such/folder.txt"));
        assertEquals("[]", board.repl().eval(LEFT_NAMES));
    }
}
