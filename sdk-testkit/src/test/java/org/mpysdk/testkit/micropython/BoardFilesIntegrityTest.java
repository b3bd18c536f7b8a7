package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.InvalidRemotePathException;
import org.mpysdk.core.repl.PartialUploadException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplOptions;
import org.mpysdk.core.repl.TransferVerificationException;

/**
 * Transfers that never lie, against MicroPython 1.27 in the JVM with a {@link FaultyLink} in front of
 * it: a lost acknowledgement, a damaged character either way, a dead link or a cancel end in the right
 * content or a typed error, never in wrong data or a half-written target.
 */
@Tag("peer")
@VirtualMicroPython
@Timeout(120)
class BoardFilesIntegrityTest {
    private static final String OLD = "print('the old main.py')\n";

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static Repl over(FaultyLink link, Cancellation cancel, org.mpysdk.core.ProgressListener progress) {
        return new Repl(link, ReplOptions.defaults(), () -> progress, () -> cancel);
    }

    private static Repl over(FaultyLink link) {
        return over(link, new Cancellation(), org.mpysdk.core.ProgressListener.NONE);
    }

    private static boolean isChunk(String code, long offset) {
        return code.startsWith("__mw(") && code.contains("')," + offset + ",");
    }

    /** Fix 1: '..', '.' and empty parts are refused before anything reaches the board. */
    @Test
    void pathsWithDotDotOrEmptyPartsAreRefused(Board board, MicroPythonTransport transport) throws IOException {
        BoardFiles fs = board.repl().files();
        fs.mkdir("/lib");
        for (String bad : List.of("/lib/../main.py", "/lib//x.py", "/lib/./x.py")) {
            InvalidRemotePathException e = assertThrows(InvalidRemotePathException.class, () -> fs.put(new byte[] {1}, bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(InvalidRemotePathException.class, () -> fs.cat("/lib/../main.py"));
        assertThrows(InvalidRemotePathException.class, () -> fs.rm("/lib//x.py"));
        assertThrows(InvalidRemotePathException.class, () -> fs.mkdir("/lib/../other"));
        assertFalse(transport.fileSystem().exists("/main.py"));
        assertFalse(transport.fileSystem().exists("/lib/x.py"));
        assertFalse(transport.fileSystem().exists("/other"));
    }

    /** Fix 4: a cancelled put leaves the old target as it was and no temporary file. */
    @Test
    void cancelledPutLeavesTheTargetUntouched(MicroPythonTransport transport) throws IOException {
        transport.fileSystem().writeFile("/main.py", OLD.getBytes(StandardCharsets.UTF_8));
        Cancellation cancel = new Cancellation();
        Repl repl = over(new FaultyLink(transport), cancel, p -> {
            if (p.operation().equals("put") && p.done() > 0) {
                cancel.cancel();
            }
        });
        OperationCancelledException e = assertThrows(OperationCancelledException.class,
                () -> repl.files().put(random(4000), "/main.py"));
        assertTrue(e.getMessage().contains("/main.py is unchanged"), e.getMessage());
        assertEquals(OLD, new String(transport.fileSystem().readFile("/main.py"), StandardCharsets.UTF_8));
        assertEquals(List.of("main.py"), transport.fileSystem().list("/"), "no temporary file is left");
        assertNoHelpersLeft(transport);
    }

    /** The SDK's names left in the board's globals by a failed operation fill a small heap: none may stay. */
    private static void assertNoHelpersLeft(MicroPythonTransport transport) throws IOException {
        assertEquals("[]", over(new FaultyLink(transport)).eval("[n for n in globals() if n.startswith('__m') and n not in ('__mg', '__mgh')]"));
    }

    /** Fix 4: when the link dies mid-upload the target is untouched, and the error names what is left. */
    @Test
    void putOverALinkThatDiesSaysWhatIsLeftOnTheBoard(MicroPythonTransport transport) throws IOException {
        transport.fileSystem().writeFile("/main.py", OLD.getBytes(StandardCharsets.UTF_8));
        int[] chunks = {0};
        FaultyLink link = new FaultyLink(transport).dieAfter(code -> code.startsWith("__mw(") && ++chunks[0] == 2);
        PartialUploadException e = assertThrows(PartialUploadException.class, () -> over(link).files().put(random(4000), "/main.py"));
        assertInstanceOf(TransportClosedException.class, e.getCause());
        assertEquals("/.main.py.part", e.leftover());
        assertTrue(e.getMessage().contains("/main.py is unchanged") && e.getMessage().contains("/.main.py.part"), e.getMessage());
        assertEquals(OLD, new String(transport.fileSystem().readFile("/main.py"), StandardCharsets.UTF_8));
    }

    /** Fix 5: the chunk ran but its OK was lost; it is sent again and must not be written twice. */
    @Test
    void aChunkWhoseOkWasLostIsNotWrittenTwice(Board board, MicroPythonTransport transport) throws IOException {
        byte[] data = random(3000);
        FaultyLink link = new FaultyLink(transport).dropOkAfter(code -> code.startsWith("__mw(") && !isChunk(code, 0));
        over(link).files().put(data, "/data.bin");
        assertEquals(1, link.faults(), "one acknowledgement was dropped");
        assertArrayEquals(data, transport.fileSystem().readFile("/data.bin"));
        assertArrayEquals(data, board.repl().files().cat("/data.bin"));
    }

    /**
     * A chunk damaged without changing its length or byte sum: the submission guard's hash catches it on
     * the board before it runs, and the chunk is sent again.
     */
    @Test
    void theGuardCatchesDamageThatTheChunkCheckCannotSee(MicroPythonTransport transport) throws IOException {
        transport.fileSystem().writeFile("/main.py", OLD.getBytes(StandardCharsets.UTF_8));
        byte[] data = random(2000);
        FaultyLink link = new FaultyLink(transport).corruptChunk(code -> code.startsWith("__mw("));
        over(link).files().put(data, "/main.py");
        assertEquals(1, link.faults());
        assertArrayEquals(data, transport.fileSystem().readFile("/main.py"), "sent again, not kept damaged");
        assertEquals(List.of("main.py"), transport.fileSystem().list("/"));
    }

    /** Fix 6: damage the guard cannot see (made before it) is caught by the SHA-256 after put, the last line of defence. */
    @Test
    void putCatchesDamageThatTheChunkCheckCannotSee(MicroPythonTransport transport) throws IOException {
        transport.fileSystem().writeFile("/main.py", OLD.getBytes(StandardCharsets.UTF_8));
        byte[] data = random(2000);
        FaultyLink link = new FaultyLink(transport).corruptChunkBehindTheGuard(code -> code.startsWith("__mw("));
        over(link).files().put(data, "/main.py");
        assertEquals(1, link.faults());
        assertArrayEquals(data, transport.fileSystem().readFile("/main.py"), "sent again after the mismatch, not kept damaged");
        assertEquals(List.of("main.py"), transport.fileSystem().list("/"));
    }

    /** Fix 6: one base64 character changed on the way back is caught; a second read gets it right. */
    @Test
    void catCatchesOneDamagedCharacterAndReadsAgain(MicroPythonTransport transport) throws IOException {
        byte[] data = random(3000);
        transport.fileSystem().writeFile("/data.bin", data);
        FaultyLink link = new FaultyLink(transport).corruptReplyAfter(code -> code.contains("b2a_base64"), 40, false);
        assertArrayEquals(data, over(link).files().cat("/data.bin"));
        assertEquals(1, link.faults());
    }

    /** Fix 6: a link that damages every read gives a typed error and no local file, never wrong data. */
    @Test
    void getOverALinkThatAlwaysDamagesFailsAndWritesNothing(MicroPythonTransport transport, @TempDir Path tmp) throws IOException {
        transport.fileSystem().writeFile("/data.bin", random(3000));
        FaultyLink link = new FaultyLink(transport).corruptReplyAfter(code -> code.contains("b2a_base64"), 40, true);
        BoardFiles fs = over(link).files();
        Path local = tmp.resolve("data.bin");
        TransferVerificationException e = assertThrows(TransferVerificationException.class, () -> fs.get("/data.bin", local));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
        assertThrows(TransferVerificationException.class, () -> fs.cat("/data.bin", new ByteArrayOutputStream()));
        assertEquals(3, link.faults(), "two attempts of get, one of the streaming cat");
        assertNoHelpersLeft(transport);
    }

    /**
     * A cancel while the first of three files finishes is not lost: {@code Board.cancel()} replaces the
     * board's token, and a tree copy that read the current token at each step used to carry on with all
     * three. Now the copy stops and says what it copied.
     */
    @Test
    void aCancelDuringOneFileOfAGetTreeStopsItAndSaysWhatWasCopied(Board board, @TempDir Path tmp) throws IOException {
        BoardFiles fs = board.repl().files();
        fs.mkdir("/d");
        for (String n : List.of("a.txt", "b.txt", "c.txt")) {
            fs.put(("content of " + n).getBytes(StandardCharsets.UTF_8), "/d/" + n);
        }
        board.onProgress(p -> {
            if (p.operation().equals("get") && p.done() == p.total() && p.done() > 0) {
                board.cancel();
            }
        });
        OperationCancelledException e = assertThrows(OperationCancelledException.class, () -> fs.getTree("/d", tmp));
        board.onProgress(org.mpysdk.core.ProgressListener.NONE);
        // The last progress event of a.txt comes before its content is checked; that check observes the
        // cancel, so a.txt is not written either. (Before, each step read the board's new token: all 3 copied.)
        assertTrue(e.getMessage().contains("after 0 of 3 files") && e.getMessage().contains("a.txt was not written"),
                e.getMessage());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing half-written on the host");
        }
        assertEquals(3, fs.getTree("/d", tmp).size(), "the next operation is not cancelled");
    }

    /** The same for putTree: a cancel during the first changed file stops the copy before the second. */
    @Test
    void aCancelDuringOneFileOfAPutTreeStopsIt(Board board, @TempDir Path tmp) throws IOException {
        for (String n : List.of("a.py", "b.py", "c.py")) {
            Files.writeString(tmp.resolve(n), "print('" + n + "')\n");
        }
        board.repl().files().mkdir("/t");
        board.onProgress(p -> {
            if (p.operation().equals("put") && p.done() == p.total() && p.done() > 0) {
                board.cancel();
            }
        });
        OperationCancelledException e = assertThrows(OperationCancelledException.class,
                () -> board.repl().files().putTree(tmp, "/t"));
        board.onProgress(org.mpysdk.core.ProgressListener.NONE);
        assertTrue(e.getMessage().contains("of 3 files"), e.getMessage());
        assertTrue(board.repl().files().ls("/t").size() < 3, "the copy stopped early");
    }
}
