package org.mpysdk.testkit.qemu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.TransportException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.FirmwareFeatures;
import org.mpysdk.core.repl.InvalidRemotePathException;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.RemoteFileNotFoundException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplOptions;
import org.mpysdk.core.repl.SyncReport;
import org.mpysdk.core.repl.UnsafeRemotePathException;
import org.mpysdk.core.repl.UnsupportedRemoteOperationException;
import org.mpysdk.testkit.micropython.FaultyLink;

/** File operations against the micro:bit's flat filesystem in MicroPython v1.9.2 (QEMU). */
@Tag("peer")
@ExtendWith(QemuMicrobitExtension.class)
@Timeout(120)
class BoardFilesQemuTest {
    private Board board;
    private BoardFiles fs;

    @BeforeEach
    void open(QemuMicrobit qemu) throws IOException {
        board = Board.open(qemu.pty());
        // One board serves the class: start each test with an empty 9 KB heap, not one fragmented by the last.
        board.repl().softReset();
        fs = board.repl().files();
        // Start each test from an empty filesystem.
        board.repl().exec("import os\nfor n in os.listdir():\n os.remove(n)");
    }

    @AfterEach
    void close() {
        board.close();
    }

    private static byte[] allByteValues(int copies) {
        byte[] b = new byte[256 * copies];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + i / 256);
        }
        return b;
    }

    @Test
    void firmwareHasNeitherBinasciiNorHashlibAndAFlatFilesystem() throws IOException {
        FirmwareFeatures f = fs.features();
        assertNull(f.binascii());
        assertNull(f.hashlib());
        assertFalse(f.directories());
        assertTrue(f.size());
        assertFalse(f.rename());
    }

    @Test
    void putGetAllByteValues(@TempDir Path tmp) throws IOException {
        byte[] data = allByteValues(4);
        Path src = Files.write(tmp.resolve("src.bin"), data);
        List<Progress> events = new ArrayList<>();
        board.onProgress(events::add);
        fs.put(src, "/all.bin");
        assertEquals(data.length, fs.stat("/all.bin").size());
        assertTrue(events.size() > 2);
        assertEquals(new Progress("put", "all.bin", data.length, data.length), events.get(events.size() - 1));

        Path back = tmp.resolve("back.bin");
        fs.get("all.bin", back);
        assertArrayEquals(data, Files.readAllBytes(back));
        assertArrayEquals(data, fs.cat("all.bin"));
        assertTrue(fs.verify(src, "all.bin"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("back.bin", "src.bin"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void emptyAndTextFiles() throws IOException {
        fs.put(new byte[0], "empty.txt");
        assertEquals(0, fs.cat("empty.txt").length);
        String text = "print('hello')\n# ünïcode\n\\ ' \" \t end\n";
        fs.put(text.getBytes(StandardCharsets.UTF_8), "/main.py");
        assertEquals(text, new String(fs.cat("main.py"), StandardCharsets.UTF_8));
    }

    @Test
    void lsStatExistsRmRename() throws IOException {
        fs.put("abc".getBytes(StandardCharsets.US_ASCII), "a.txt");
        fs.put(new byte[300], "b.bin");
        Map<String, Long> listed = new TreeMap<>();
        for (RemoteFile f : fs.ls("/")) {
            assertFalse(f.directory());
            listed.put(f.name(), f.size());
        }
        assertEquals(Map.of("a.txt", 3L, "b.bin", 300L), listed);
        assertTrue(fs.exists("a.txt"));
        assertTrue(fs.exists("/a.txt"));
        assertFalse(fs.exists("nope.txt"));
        assertThrows(RemoteFileNotFoundException.class, () -> fs.stat("nope.txt"));
        assertThrows(RemoteFileNotFoundException.class, () -> fs.cat("nope.txt"));

        fs.rename("a.txt", "c.txt");
        assertFalse(fs.exists("a.txt"));
        assertEquals("abc", new String(fs.cat("c.txt"), StandardCharsets.US_ASCII));

        fs.rm("c.txt");
        assertFalse(fs.exists("c.txt"));
        assertThrows(RemoteFileNotFoundException.class, () -> fs.rm("c.txt"));
    }

    /** No hashlib on v1.9.2: the SHA-256 is the host's, of a CRC-16-verified read, and matches Java's. */
    @Test
    void sha256WithoutHashlibMatchesJavasDigest() throws Exception {
        byte[] data = allByteValues(2);
        fs.put(data, "/all.bin");
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(expected, fs.sha256("/all.bin"));
        assertEquals(expected, fs.sha256("all.bin"));
        assertThrows(RemoteFileNotFoundException.class, () -> fs.sha256("nope.bin"));
        assertEquals("[]", board.repl().eval("[n for n in globals() if n.startswith('__m') and n not in ('__mg', '__mgh')]"));
    }

    /** The flat filesystem has no 'a' mode and no os.stat: touch still creates, and never truncates. */
    @Test
    void touchOnTheFlatFilesystemCreatesAndNeverTruncates() throws IOException {
        assertTrue(fs.touch("/new.txt"));
        assertEquals(0, fs.stat("new.txt").size());
        byte[] data = "keep me\n".getBytes(StandardCharsets.US_ASCII);
        fs.put(data, "keep.txt");
        assertFalse(fs.touch("keep.txt"));
        assertArrayEquals(data, fs.cat("keep.txt"), "touch left the content as it was");
        assertFalse(fs.touch("/new.txt"));
        assertEquals("[]", board.repl().eval("[n for n in globals() if n.startswith('__m') and n not in ('__mg', '__mgh')]"));
    }

    /** No os.statvfs and no folders: df says so, tree lists the one level. */
    @Test
    void dfIsUnsupportedAndTreeIsTheFlatListing() throws IOException {
        UnsupportedRemoteOperationException e = assertThrows(UnsupportedRemoteOperationException.class, () -> fs.df("/"));
        assertTrue(e.getMessage().contains("statvfs"), e.getMessage());
        fs.put(new byte[3], "b.bin");
        fs.put(new byte[1], "a.py");
        assertEquals(List.of(new RemoteFile("a.py", "a.py", 1, false), new RemoteFile("b.bin", "b.bin", 3, false)), fs.tree("/"));
        assertThrows(UnsupportedRemoteOperationException.class, () -> fs.tree("/lib"));
    }

    @Test
    void flatFilesystemRefusesFolders(@TempDir Path tmp) throws IOException {
        assertThrows(UnsupportedRemoteOperationException.class, () -> fs.mkdir("/lib"));
        assertThrows(UnsupportedRemoteOperationException.class, () -> fs.rmdir("/lib"));
        assertThrows(UnsupportedRemoteOperationException.class, () -> fs.ls("/lib"));
        fs.mkdir("/");
        Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(tmp.resolve("tree/sub/x.py"), "x");
        assertThrows(UnsupportedRemoteOperationException.class, () -> fs.putTree(tmp.resolve("tree"), "/"));
    }

    @Test
    void putTreeCopiesOnlyWhatChanged(@TempDir Path tmp) throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("main.py"), "print('main')\n");
        Files.writeString(tree.resolve("util.py"), "X = 1\n");
        Files.write(tree.resolve("data.bin"), allByteValues(1));

        SyncReport first = fs.putTree(tree, "/");
        assertEquals(List.of("data.bin", "main.py", "util.py"), first.copied());
        assertEquals("size", first.comparedBy());

        SyncReport second = fs.putTree(tree, "/");
        assertEquals(List.of(), second.copied());
        assertEquals(3, second.unchanged().size());

        Files.writeString(tree.resolve("util.py"), "X = 12\n");
        SyncReport third = fs.putTree(tree, "/");
        assertEquals(List.of("util.py"), third.copied());
        assertEquals("X = 12\n", new String(fs.cat("util.py"), StandardCharsets.UTF_8));
    }

    @Test
    void getTreeRejectsNamesThatEscapeTheTarget(@TempDir Path tmp) throws IOException {
        fs.put("ok".getBytes(StandardCharsets.US_ASCII), "fine.txt");
        // The micro:bit's flat filesystem takes any name, including ones that climb out of a folder.
        board.repl().exec("f = open('../evil.txt', 'w')\nf.write('x')\nf.close()");
        Path target = tmp.resolve("copy");
        UnsafeRemotePathException e = assertThrows(UnsafeRemotePathException.class, () -> fs.getTree("/", target));
        assertTrue(e.getMessage().contains("../evil.txt"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(target.resolve("fine.txt")), "nothing is copied when one name is unsafe");

        // The SDK refuses '..' in board paths, so the test removes that file with plain Python.
        assertThrows(InvalidRemotePathException.class, () -> fs.rm("../evil.txt"));
        board.repl().exec("import os\nos.remove('../evil.txt')");
        List<Path> written = fs.getTree("/", target);
        assertEquals(List.of(target.resolve("fine.txt").toAbsolutePath().normalize()), written);
        assertEquals("ok", Files.readString(target.resolve("fine.txt")));
    }

    @Test
    void namesWithNulOrNewlineAreRefusedBeforeAnythingIsSent() {
        assertThrows(InvalidRemotePathException.class, () -> fs.put(new byte[1], "bad\nname"));
        assertThrows(InvalidRemotePathException.class, () -> fs.put(new byte[1], "bad\0name"));
        assertThrows(InvalidRemotePathException.class, () -> fs.cat("x\r"));
    }

    private Repl faulty(FaultyLink link, Cancellation cancel, ProgressListener progress) {
        return new Repl(link, ReplOptions.defaults(), () -> progress, () -> cancel);
    }

    private List<String> names() throws IOException {
        return fs.ls("/").stream().map(RemoteFile::name).sorted().toList();
    }

    /** Without os.rename the verified temporary file is copied onto the target on the board, then removed. */
    @Test
    void putReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        fs.put("old".getBytes(StandardCharsets.US_ASCII), "main.py");
        fs.put("print('new')\n".getBytes(StandardCharsets.US_ASCII), "main.py");
        assertEquals("print('new')\n", new String(fs.cat("main.py"), StandardCharsets.US_ASCII));
        assertEquals(List.of("main.py"), names());
    }

    /** Fix 4 on a flat filesystem: a cancelled put leaves the old file and no temporary file. */
    @Test
    void cancelledPutLeavesTheTargetUntouched() throws IOException {
        fs.put("old".getBytes(StandardCharsets.US_ASCII), "main.py");
        Cancellation cancel = new Cancellation();
        Repl repl = faulty(new FaultyLink(board.transport()), cancel, p -> {
            if (p.operation().equals("put") && p.done() > 0) {
                cancel.cancel();
            }
        });
        assertThrows(OperationCancelledException.class, () -> repl.files().put(allByteValues(4), "main.py"));
        assertEquals("old", new String(fs.cat("main.py"), StandardCharsets.US_ASCII));
        assertEquals(List.of("main.py"), names());
    }

    /** Fix 6 without hashlib: CRC-16 catches one changed character of a repr() line; the second read is right. */
    @Test
    void catCatchesADamagedCharacterByCrc16() throws IOException {
        byte[] data = allByteValues(2);
        fs.put(data, "data.bin");
        FaultyLink link = new FaultyLink(board.transport()).corruptReplyAfter(code -> code.contains("def __md("), 40, false);
        assertArrayEquals(data, faulty(link, new Cancellation(), ProgressListener.NONE).files().cat("data.bin"));
        assertEquals(1, link.faults());
    }

    /** Fix 6 without hashlib: damage the per-chunk sum cannot see is caught by the CRC-16 after put. */
    @Test
    void putCatchesDamageTheChunkCheckCannotSeeByCrc16() throws IOException {
        String text = "def hello():\n    print('hello from the micro:bit')\n".repeat(8);
        // Damage the guard cannot see (as if made before it): the CRC-16 of the whole file is the layer below.
        FaultyLink link = new FaultyLink(board.transport()).corruptChunkBehindTheGuard(code -> code.startsWith("__mw("));
        faulty(link, new Cancellation(), ProgressListener.NONE).files().put(text.getBytes(StandardCharsets.US_ASCII), "main.py");
        assertEquals(1, link.faults());
        assertEquals(text, new String(fs.cat("main.py"), StandardCharsets.US_ASCII));
        assertEquals(List.of("main.py"), names());
    }

    @Test
    void disconnectDuringGetLeavesNoLocalFile(QemuMicrobit qemu, @TempDir Path tmp) throws IOException {
        fs.put(allByteValues(8), "big.bin");
        Path local = tmp.resolve("big.bin");
        board.onProgress(p -> {
            if (p.operation().equals("get") && p.done() > 0) {
                qemu.close(); // the peer dies mid-transfer
            }
        });
        assertThrows(TransportException.class, () -> fs.get("big.bin", local));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "the half-written file was removed");
        }
    }
}
