package org.mpysdk.testkit.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.Board;
import org.mpysdk.core.BoardOption;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.mpysdk.core.TransportProvider;
import org.mpysdk.core.Transports;
import org.mpysdk.core.repl.RemoteFileNotFoundException;
import org.mpysdk.testkit.micropython.MicroPythonTransport;
import org.mpysdk.webrepl.MicroPythonVersion;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplAuthException;
import org.mpysdk.webrepl.WebReplFileException;
import org.mpysdk.webrepl.WebReplFiles;
import org.mpysdk.webrepl.WebReplSessionBusyException;
import org.mpysdk.webrepl.WebReplTextMode;
import org.mpysdk.webrepl.WebReplTransport;
import org.mpysdk.webrepl.WebReplTransportProvider;

/** The SDK's WebREPL client against the board-side WebReplServer (terminal: a scripted pipe). */
@Timeout(60)
class WebReplClientServerTest {
    private static final String PASSWORD = "s3cret";

    @TempDir
    Path local;
    private PipeTerminal terminal;
    private WebReplServer server;

    @BeforeEach
    void start() throws IOException {
        terminal = new PipeTerminal(false);
        server = WebReplServer.builder().password(PASSWORD).terminal(terminal).version(1, 22, 2).start();
    }

    @AfterEach
    void stop() {
        server.close();
        terminal.close();
    }

    private Board open() throws IOException {
        return open(server.uri(), WebRepl.password(PASSWORD));
    }

    /** Opens through the WebREPL provider alone, so other modules' providers cannot interfere. */
    private static Board open(String uri, BoardOption... options) throws IOException {
        return Board.open(Transports.open(uri, List.of(new WebReplTransportProvider()), options));
    }

    @Test
    void boardOpenFindsTheProviderThroughTheServiceLoader() throws IOException {
        TransportProvider found = null;
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            if (p.schemes().contains("ws")) {
                found = p;
            }
        }
        assertInstanceOf(WebReplTransportProvider.class, found);
        assertEquals(java.util.Set.of("ws", "wss"), found.schemes());
    }

    private static WebReplTransport transport(Board board) {
        return assertInstanceOf(WebReplTransport.class, board.transport());
    }

    @Test
    void loginSucceedsWithTheRightPassword() throws IOException {
        try (Board board = open()) {
            assertTrue(board.transport().isOpen());
            assertTrue(transport(board).byteExact());
            assertEquals(1, server.sessionsServed());
            terminal.print("hello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("hello\r\n".getBytes(StandardCharsets.US_ASCII),
                    board.transport().readUntil("\r\n".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5)));
        }
    }

    @Test
    void wrongPasswordIsDenied() {
        WebReplAuthException e = assertThrows(WebReplAuthException.class,
                () -> open(server.uri(), WebRepl.password("wrong")));
        assertTrue(e.getMessage().contains("denied"), e.getMessage());
        assertEquals(0, server.sessionsServed());
    }

    @Test
    void aMissingPasswordOptionIsATypedError() {
        WebReplAuthException e = assertThrows(WebReplAuthException.class, () -> open(server.uri()));
        assertTrue(e.getMessage().contains("WebRepl.password"), e.getMessage());
    }

    @Test
    void aSecondSessionIsRejectedAsTheBoardDoes() throws IOException {
        try (Board first = open()) {
            WebReplSessionBusyException e = assertThrows(WebReplSessionBusyException.class, this::open);
            assertTrue(e.getMessage().contains("one at a time"), e.getMessage());
            assertEquals(1, server.sessionsRejected());
            assertTrue(first.transport().isOpen());
        }
    }

    @Test
    void nothingListeningIsPortNotFound() throws IOException {
        int port = server.port();
        server.close();
        assertThrows(org.mpysdk.core.PortNotFoundException.class,
                () -> open("ws://127.0.0.1:" + port, WebRepl.password(PASSWORD)));
    }

    @Test
    void outputOfAll256ByteValuesArrivesExactly() throws IOException {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (Board board = open()) {
            // Split as the board would: one dupterm write per frame, some mid-UTF-8-sequence.
            terminal.print(java.util.Arrays.copyOf(all, 200));
            terminal.print(java.util.Arrays.copyOfRange(all, 200, all.length));
            assertArrayEquals(all, board.transport().readExactly(all.length, Duration.ofSeconds(5)));
        }
    }

    /**
     * OkHttp's own decoding (wss://, or DECODED): valid UTF-8 passes, every malformed byte becomes U+FFFD,
     * and OkHttp keeps the connection (no close 1007). This is the exact behaviour the BYTES mode avoids.
     */
    @Test
    void decodedModeReplacesMalformedUtf8WithReplacementCharacters() throws IOException {
        try (Board board = open(server.uri(), WebRepl.password(PASSWORD), WebReplTextMode.DECODED)) {
            assertFalse(transport(board).byteExact());
            byte[] valid = "é€".getBytes(StandardCharsets.UTF_8);
            byte[] mixed = {'a', (byte) 0x80, 'b', (byte) 0xFF, (byte) 0xFE, 'c'};
            terminal.print(valid);
            assertArrayEquals(valid, board.transport().readExactly(valid.length, Duration.ofSeconds(5)));
            terminal.print(mixed);
            byte[] fffd = "\uFFFD".getBytes(StandardCharsets.UTF_8);
            byte[] expected = concat(new byte[] {'a'}, fffd, new byte[] {'b'}, fffd, fffd, new byte[] {'c'});
            assertArrayEquals(expected, board.transport().readExactly(expected.length, Duration.ofSeconds(5)));
            assertTrue(board.transport().isOpen());
            // The raw-paste request is answered locally with "not supported"; the board never sees it.
            board.transport().write(new byte[] {0x05, 'A', 0x01});
            assertArrayEquals(new byte[] {'R', 0}, board.transport().readExactly(2, Duration.ofSeconds(5)));
            assertArrayEquals(new byte[] {0x02}, terminal.typed(), "only the login's Ctrl-B (to the friendly REPL)");
        }
    }

    @Test
    void bytesModePassesTheRawPasteRequestToTheBoard() throws IOException {
        try (Board board = open()) {
            board.transport().write(new byte[] {0x05, 'A', 0x01});
            // After the login's Ctrl-B (to the friendly REPL, whatever an earlier client left).
            assertArrayEquals(new byte[] {0x02, 0x05, 'A', 0x01}, terminal.awaitTyped(4, Duration.ofSeconds(5)));
            terminal.print(new byte[] {'R', 1, (byte) 0x80, 0});
            assertArrayEquals(new byte[] {'R', 1, (byte) 0x80, 0}, board.transport().readExactly(4, Duration.ofSeconds(5)));
        }
    }

    /** 100 KB of REPL input (with multi-byte characters) arrives whole, in frames of at most 255 bytes. */
    @Test
    void longInputIsCutIntoFramesOfAtMost255BytesOnCharacterBoundaries() throws IOException {
        StringBuilder script = new StringBuilder();
        int line = 0;
        while (script.length() < 100_000) {
            script.append("x").append(line++).append(" = 'é€😀 ").append(line).append("'\n");
        }
        byte[] bytes = script.toString().getBytes(StandardCharsets.UTF_8);
        try (Board board = open()) {
            board.transport().write(bytes);
            byte[] typed = concat(new byte[] {0x02}, bytes); // the login's Ctrl-B first
            assertArrayEquals(typed, terminal.awaitTyped(typed.length, Duration.ofSeconds(30)));
            assertTrue(server.largestTextFrame() <= 255, "largest frame " + server.largestTextFrame());
            assertTrue(server.largestTextFrame() >= 250, "frames are filled: " + server.largestTextFrame());
            assertEquals(typed.length, server.textBytesReceived());
        }
    }

    @Test
    void inputThatIsNotUtf8IsRefusedWithATypedError() throws IOException {
        try (Board board = open()) {
            TransportException e = assertThrows(TransportException.class,
                    () -> board.transport().write(new byte[] {'a', (byte) 0xC3}));
            assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        }
    }

    @Test
    void putAndGetCarryEveryByteValue() throws IOException {
        byte[] data = new byte[256 * 10 + 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        roundTrip(data, "/all.bin");
    }

    @Test
    void putAndGetOfAnEmptyFile() throws IOException {
        roundTrip(new byte[0], "empty.txt");
    }

    @Test
    void putAndGetOfOneMegabyteWithProgress() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        try (Board board = open()) {
            List<Progress> events = new ArrayList<>();
            WebReplFiles files = WebRepl.files(board).withProgress(events::add);
            files.put(data, "/big.bin");
            assertArrayEquals(data, Files.readAllBytes(server.root().resolve("big.bin")));
            assertEquals(new Progress("put", "/big.bin", data.length, data.length), events.get(events.size() - 1));
            assertEquals(0, events.get(0).done());
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i).done() >= events.get(i - 1).done());
            }
            events.clear();
            Path copy = local.resolve("big.copy");
            files.get("/big.bin", copy);
            assertArrayEquals(data, Files.readAllBytes(copy));
            assertEquals(data.length, events.get(events.size() - 1).done());
        }
    }

    @Test
    void theClientNeverPings() throws IOException {
        try (Board board = open()) {
            WebReplFiles files = WebRepl.files(board);
            files.put(new byte[5000], "/p.bin");
            files.get("/p.bin");
            files.version();
        }
        assertTrue(awaitNoSession());
        assertEquals(0, server.pingsReceived(), "a ping's payload would corrupt the board's next file operation");
    }

    @Test
    void versionIsReported() throws IOException {
        try (Board board = open()) {
            assertEquals(new MicroPythonVersion(1, 22, 2), WebRepl.files(board).version());
            assertEquals("1.22.2", WebRepl.files(board).version().toString());
        }
    }

    @Test
    void namesOf63BytesWorkAndLongerOnesFailBeforeAnythingIsSent() throws IOException {
        int maxNameBytes = 63; // the request record's 64-byte name field, with its terminating zero
        String ok = "/" + "a".repeat(maxNameBytes - 1);
        String tooLong = "/" + "a".repeat(maxNameBytes);
        String multiByte = "/" + "é".repeat(32); // 65 bytes
        try (Board board = open()) {
            WebReplFiles files = WebRepl.files(board);
            files.put(new byte[] {1, 2, 3}, ok);
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(server.root().resolve(ok.substring(1))));
            assertArrayEquals(new byte[] {1, 2, 3}, files.get(ok));
            for (String name : List.of(tooLong, multiByte)) {
                WebReplFileException e = assertThrows(WebReplFileException.class, () -> files.put(new byte[1], name));
                assertTrue(e.getMessage().contains("at most 63"), e.getMessage());
                assertThrows(WebReplFileException.class, () -> files.get(name));
            }
            // Nothing was sent: the session is still in step.
            assertEquals(new MicroPythonVersion(1, 22, 2), files.version());
        }
    }

    @Test
    void aDroppedConnectionMidGetRemovesThePartialLocalFile() throws IOException {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        Files.write(server.root().resolve("data.bin"), data);
        Path target = local.resolve("data.bin");
        server.faults().dropTransferAfter(10_000);
        try (Board board = open()) {
            WebReplFileException e = assertThrows(WebReplFileException.class,
                    () -> WebRepl.files(board).get("/data.bin", target));
            assertTrue(e.getMessage().contains("connection was lost after"), e.getMessage());
            assertInstanceOf(TransportClosedException.class, e.getCause());
        }
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(local)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aFailedGetLeavesAnExistingLocalFileAsItWas() throws IOException {
        Path target = local.resolve("keep.txt");
        Files.writeString(target, "old");
        // A real REPL behind the server, so that the SDK can ask it whether the file exists.
        try (MicroPythonTransport micropython = MicroPythonTransport.start();
             WebReplServer withRepl = WebReplServer.builder().password(PASSWORD).terminal(micropython).start();
             Board board = open(withRepl.uri(), WebRepl.password(PASSWORD))) {
            RemoteFileNotFoundException e = assertThrows(RemoteFileNotFoundException.class,
                    () -> WebRepl.files(board).get("/missing.txt", target));
            assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
            assertEquals(2, withRepl.sessionsServed(), "the REPL question went over a new session");
        }
        assertEquals("old", Files.readString(target));
        try (Stream<Path> left = Files.list(local)) {
            assertEquals(1, left.count());
        }
    }

    @Test
    void putIntoAMissingFolderIsATypedErrorAndTheNextCallReconnects() throws IOException {
        try (Board board = open()) {
            WebReplFiles files = WebRepl.files(board);
            WebReplFileException e = assertThrows(WebReplFileException.class, () -> files.put(new byte[10], "/nope/x.bin"));
            assertTrue(e.getMessage().contains("could not open the file"), e.getMessage());
            assertEquals(new MicroPythonVersion(1, 22, 2), files.version(), "the next call logs in again");
            assertEquals(2, server.sessionsServed());
        }
    }

    @Test
    void aDroppedConnectionMidPutIsATypedError() throws IOException {
        server.faults().dropTransferAfter(4096);
        try (Board board = open()) {
            WebReplFileException e = assertThrows(WebReplFileException.class,
                    () -> WebRepl.files(board).put(new byte[200_000], "/p.bin"));
            assertInstanceOf(TransportClosedException.class, e.getCause());
        }
    }

    @Test
    void aBrokenSocketEndsAWaitingReadWithAnExceptionNotAHang() throws Exception {
        try (Board board = open()) {
            CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    board.transport().readUntil("never".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(50));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            server.dropSession();
            Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> waiting.get(10, TimeUnit.SECONDS));
            assertInstanceOf(TransportClosedException.class, t);
            assertThrows(TransportClosedException.class, () -> WebRepl.files(board).version());
        }
    }

    @Test
    void cancellingAPutClosesTheConnectionAndSaysSo() throws IOException {
        try (Board board = open()) {
            Cancellation cancel = new Cancellation();
            WebReplFiles files = WebRepl.files(board).withCancellation(cancel).withProgress(p -> {
                if (p.done() >= 8192) {
                    cancel.cancel();
                }
            });
            OperationCancelledException e = assertThrows(OperationCancelledException.class,
                    () -> files.put(new byte[100_000], "/c.bin"));
            assertTrue(e.getMessage().contains("cannot abort"), e.getMessage());
            assertFalse(board.transport().isOpen());
        }
    }

    @Test
    void boardCancelStopsAGetAndLeavesNoFile() throws IOException {
        Files.write(server.root().resolve("g.bin"), new byte[50_000]);
        Path target = local.resolve("g.bin");
        try (Board board = open()) {
            board.onProgress(p -> {
                if (p.done() >= 1024) {
                    board.cancel();
                }
            });
            assertThrows(OperationCancelledException.class, () -> WebRepl.files(board).get("/g.bin", target));
        }
        assertFalse(Files.exists(target));
    }

    @Test
    void cleanCloseEndsTheSessionOnTheServer() throws Exception {
        Board board = open();
        assertTrue(server.hasSession());
        board.close();
        board.close();
        assertFalse(board.transport().isOpen());
        // The server sees the close frame and frees the single session slot for the next client.
        assertTrue(server.awaitNoSession(Duration.ofSeconds(5)));
        try (Board again = open()) {
            assertTrue(again.transport().isOpen());
            assertEquals(2, server.sessionsServed());
        }
    }

    private void roundTrip(byte[] data, String remote) throws IOException {
        try (Board board = open()) {
            WebReplFiles files = WebRepl.files(board);
            files.put(data, remote);
            String rel = remote.startsWith("/") ? remote.substring(1) : remote;
            assertArrayEquals(data, Files.readAllBytes(server.root().resolve(rel)));
            Path copy = local.resolve("copy");
            files.get(remote, copy);
            assertArrayEquals(data, Files.readAllBytes(copy));
            assertArrayEquals(data, files.get(remote));
        }
    }

    private boolean awaitNoSession() {
        try {
            return server.awaitNoSession(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
