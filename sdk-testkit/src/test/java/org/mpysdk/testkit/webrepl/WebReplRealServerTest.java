package org.mpysdk.testkit.webrepl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.repl.BoardResetException;
import org.mpysdk.core.repl.RemoteFileNotFoundException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.MicroPythonWebReplServer;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplFiles;
import org.mpysdk.webrepl.WebReplSessionBusyException;
import org.mpysdk.webrepl.WebReplTransport;

/**
 * The SDK against MicroPython's own WebREPL server (C {@code _webrepl} and {@code websocket}, micropython-lib's
 * {@code webrepl.py}, on the unix port): each behaviour of the real server that a client must handle,
 * shown on the server (with {@link RawWebSocketClient} where the SDK would never send such frames) and
 * handled by the SDK. Skipped with a build hint where the server is not built.
 */
@Tag(BuiltPeers.TAG)
@Timeout(120)
class WebReplRealServerTest {
    private static final String PASSWORD = "pw1234";
    private static MicroPythonWebReplServer server;

    /** A fresh server per test: a soft reset restarts it, a flood of output keeps it busy. */
    @BeforeEach
    void start() throws IOException {
        Path script = BuiltPeers.require(BuiltPeers.webReplServerScript(), BuiltPeers.WEBREPL_SERVER_HINT);
        server = MicroPythonWebReplServer.start(script, PASSWORD);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static Board open() throws IOException {
        return Board.open(server.uri(), WebRepl.password(PASSWORD));
    }

    /** Opens a board, retrying while the server restarts or has not seen a raw client's end yet. */
    private static Board openWhenFree() throws IOException {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        while (true) {
            try {
                return open();
            } catch (IOException e) {
                if (deadline.expired()) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void execRoundTripsDoNotWaitForDelayedAcks() throws IOException {
        try (Board board = open()) {
            Repl repl = board.repl();
            repl.exec("x = 1");
            long[] took = new long[21];
            for (int i = 0; i < took.length; i++) {
                long t0 = System.nanoTime();
                assertEquals("2", repl.exec("print(1 + 1)").text());
                took[i] = System.nanoTime() - t0;
            }
            Arrays.sort(took);
            double medianMillis = took[took.length / 2] / 1e6;
            // Before TCP_QUICKACK every exec took 44-45 ms here (the board's Nagle waiting for our delayed ACK);
            // now about 1.5 ms. 20 ms leaves room for a loaded machine and still tells the two apart.
            assertTrue(medianMillis < 20, "median exec round trip " + medianMillis + " ms");
        }
    }

    @Test
    void outputThatIsNotUtf8ArrivesByteForByte() throws IOException {
        // Every byte value but 0x04 (the raw REPL's end marker) and 0x0A (the server turns \n into \r\n, as boards do).
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            if (b != 0x04 && b != 0x0A) {
                expected.write(b);
            }
        }
        try (Board board = open()) {
            byte[] out = board.repl().exec("import sys\nsys.stdout.buffer.write(bytes(b for b in range(256) if b not in (4, 10)))")
                    .stdoutBytes();
            assertArrayEquals(expected.toByteArray(), out);
        }
    }

    @Test
    void theServerSendsOutputAsTextFramesThatNeedNotBeUtf8() throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port())) {
            raw.login(PASSWORD);
            raw.sendText("import sys; sys.stdout.buffer.write(b'\\x80\\xff')\r");
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            Deadline deadline = Deadline.after(Duration.ofSeconds(5));
            boolean seen = false;
            while (!seen && !deadline.expired()) {
                RawWebSocketClient.Frame f = raw.read(Duration.ofMillis(deadline.remainingMillis()));
                if (f == null || f == RawWebSocketClient.Frame.EOF) {
                    break;
                }
                assertEquals(RawWebSocketClient.TEXT, f.opcode());
                text.writeBytes(f.payload());
                if (Arrays.equals(f.payload(), new byte[] {(byte) 0x80, (byte) 0xFF})) {
                    seen = true; // one write on the board, one text frame holding invalid UTF-8
                }
            }
            assertTrue(seen, "a text frame of exactly 80 FF: " + Arrays.toString(text.toByteArray()));
            raw.send(RawWebSocketClient.CLOSE, new byte[0]);
        }
    }

    @Test
    void aCloseFrameWithAStatusCodeLeavesTheSessionOpenButTheSdksCloseEndsIt() throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port())) {
            raw.login(PASSWORD);
            raw.send(RawWebSocketClient.CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000, what OkHttp's close(1000) sends
            RawWebSocketClient.Frame answer = raw.read(Duration.ofSeconds(5));
            assertEquals(RawWebSocketClient.CLOSE, answer.opcode(), "the board answers the close");
            // ... and keeps the session: a new login is rejected as concurrent.
            assertThrows(WebReplSessionBusyException.class, WebReplRealServerTest::open);
            // The board even prints its "Concurrent WebREPL connection ... rejected" to this session.
            String console = raw.readTextUntil("rejected", Duration.ofSeconds(5));
            assertTrue(console.contains("Concurrent WebREPL connection"), console);
            for (RawWebSocketClient.Frame f = raw.read(Duration.ofMillis(300)); f != null; f = raw.read(Duration.ofMillis(300))) {
                assertEquals(RawWebSocketClient.TEXT, f.opcode(), "only console text follows, no close: " + f.text());
            }
        }
        try (Board first = openWhenFree()) {
            first.repl().exec("x = 1");
        }
        // The SDK ends its sessions so that the next open works at once, every time.
        for (int i = 0; i < 10; i++) {
            try (Board board = open()) {
                assertEquals(String.valueOf(i), board.repl().exec("print(" + i + ")").text());
            }
        }
    }

    @Test
    void anEmptyCloseFrameEndsTheSession() throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port())) {
            raw.login(PASSWORD);
            raw.send(RawWebSocketClient.CLOSE, new byte[0]);
            assertEquals(RawWebSocketClient.CLOSE, raw.read(Duration.ofSeconds(5)).opcode());
            assertEquals(RawWebSocketClient.Frame.EOF, raw.read(Duration.ofSeconds(5)), "then the board drops the connection");
        }
        try (Board board = open()) {
            assertEquals("3", board.repl().exec("print(3)").text());
        }
    }

    @Test
    void aPingWithAPayloadCorruptsTheNextFileOperationSoTheSdkSendsNone() throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port())) {
            raw.login(PASSWORD);
            raw.send(RawWebSocketClient.PING, "hi".getBytes(StandardCharsets.US_ASCII));
            raw.send(RawWebSocketClient.BINARY, versionRequest());
            // The ping's payload was taken as the start of the request: the board now waits for 2 more bytes.
            RawWebSocketClient.Frame f = raw.read(Duration.ofMillis(1500));
            assertTrue(f == null || f.opcode() != RawWebSocketClient.BINARY || f.payload().length != 3,
                    "no version reply after a ping with a payload");
        }
        // The SDK never pings: a board left idle still answers its next file operation.
        try (Board board = openWhenFree()) {
            WebReplFiles files = WebRepl.files(board);
            assertEquals(1, files.version().major());
            idle(Duration.ofMillis(1500));
            assertEquals(1, files.version().major());
        }
    }

    private static void idle(Duration d) {
        Deadline deadline = Deadline.after(d);
        while (!deadline.expired()) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(1, deadline.remainingMillis()) * 1_000_000L);
        }
    }

    private static byte[] versionRequest() {
        return ByteBuffer.allocate(82).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'W').put((byte) 'A').put((byte) 3).array();
    }

    @Test
    void aPutFrameOfLength513FollowedByALateFrameLosesAByteSoTheSdkNeverSendsOne() throws Exception {
        byte[] data = random(1026);
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port())) {
            raw.login(PASSWORD);
            ByteBuffer req = ByteBuffer.allocate(82).order(ByteOrder.LITTLE_ENDIAN);
            req.put((byte) 'W').put((byte) 'A').put((byte) 1).put((byte) 0).putLong(0).putInt(data.length)
                    .putShort((short) 9).put("/lost.bin".getBytes(StandardCharsets.US_ASCII));
            raw.send(RawWebSocketClient.BINARY, req.array());
            assertArrayEquals(new byte[] {'W', 'B', 0, 0}, raw.read(Duration.ofSeconds(5)).payload());
            raw.send(RawWebSocketClient.BINARY, Arrays.copyOfRange(data, 0, 513));
            idle(Duration.ofMillis(300)); // the next frame is late, as on a slow Wi-Fi link
            raw.send(RawWebSocketClient.BINARY, Arrays.copyOfRange(data, 513, 1026));
            // The board counts the byte it lost, so it confirms the put; the file is one byte short.
            assertArrayEquals(new byte[] {'W', 'B', 0, 0}, raw.read(Duration.ofSeconds(5)).payload());
            byte[] landed = Files.readAllBytes(server.root().resolve("lost.bin"));
            assertEquals(data.length - 1, landed.length, "one byte lost");
            byte[] expected = new byte[data.length - 1];
            System.arraycopy(data, 0, expected, 0, 512);
            System.arraycopy(data, 513, expected, 512, data.length - 513);
            assertArrayEquals(expected, landed, "byte 512, the last of the 513-byte frame, is the one lost");
            raw.send(RawWebSocketClient.CLOSE, new byte[0]);
        }
        // The SDK's puts around every multiple of 512 arrive whole.
        try (Board board = openWhenFree()) {
            WebReplFiles files = WebRepl.files(board);
            for (int size : new int[] {1, 2, 511, 512, 513, 1025, 1537, 2049, 4097}) {
                byte[] d = random(size);
                files.put(d, "/edge.bin");
                assertArrayEquals(d, Files.readAllBytes(server.root().resolve("edge.bin")), "size " + size);
            }
        }
    }

    @Test
    void getOfAMissingFileIsNotFoundAndTheNextCallReconnects() throws IOException {
        try (Board board = open()) {
            WebReplFiles files = WebRepl.files(board);
            RemoteFileNotFoundException e = assertThrows(RemoteFileNotFoundException.class, () -> files.get("/no-such-file.bin"));
            assertTrue(e.getMessage().contains("no-such-file"), e.getMessage());
            assertEquals("5", board.repl().exec("print(5)").text(), "the REPL works on the new session");
            byte[] data = random(3000);
            files.put(data, "/there.bin");
            assertArrayEquals(data, files.get("/there.bin"));
            assertThrows(RemoteFileNotFoundException.class, () -> files.get("/still-missing.bin"));
            assertArrayEquals(data, files.get("/there.bin"), "a file operation right after reconnects too");
        }
    }

    @Test
    void aPreviousClientsRawReplIsLeftForTheFriendlyPrompt() throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port())) {
            raw.login(PASSWORD);
            raw.sendText("\u0001");
            raw.readTextUntil("raw REPL; CTRL-B to exit\r\n>", Duration.ofSeconds(5));
            raw.send(RawWebSocketClient.CLOSE, new byte[0]);
            assertEquals(RawWebSocketClient.CLOSE, raw.read(Duration.ofSeconds(5)).opcode());
        }
        try (Board board = openWhenFree()) {
            var t = board.transport();
            t.readUntil(">>> ".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5));
            t.write("6*7\r".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(t.readUntil(">>> ".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5)),
                    StandardCharsets.ISO_8859_1);
            assertTrue(answer.contains("42"), "the friendly REPL evaluates: " + answer);
        }
    }

    @Test
    void aSoftResetIsReportedAsAResetAndReconnectBringsTheReplBack() throws IOException {
        try (Board board = open()) {
            Repl repl = board.repl();
            repl.exec("survivor = 1");
            BoardResetException e = assertThrows(BoardResetException.class, () -> repl.exec("import sys\nsys.exit()"));
            assertTrue(e.soft(), e.getMessage());
            WebReplTransport t = (WebReplTransport) board.transport();
            t.reconnect();
            assertEquals("NameError", repl.exec("try:\n survivor\nexcept NameError:\n print('NameError')").text(),
                    "a new interpreter: the variable is gone");
            assertEquals("7", repl.exec("print(7)").text());
        }
    }

    @Test
    void whenNobodyReadsTheInboundBufferStaysBounded() throws IOException {
        try (Board board = open()) {
            WebReplTransport t = (WebReplTransport) board.transport();
            // About 6 MB of output while nothing reads it.
            t.write("for i in range(60000): print('x' * 100)\r\r".getBytes(StandardCharsets.US_ASCII));
            long most = 0;
            Deadline deadline = Deadline.after(Duration.ofSeconds(3));
            while (!deadline.expired()) {
                most = Math.max(most, t.inboundBytesBuffered());
                Thread.onSpinWait();
            }
            assertTrue(most > 512 * 1024, "output did arrive: " + most);
            assertTrue(most <= 2 * 1024 * 1024 + 64 * 1024, "at most about 1 MiB per stream: " + most);
            // Reading again lets the board finish; the REPL is usable afterwards.
            t.write(new byte[] {0x03});
            byte[] buf = new byte[65536];
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            Deadline drain = Deadline.after(Duration.ofSeconds(60));
            while (!drain.expired() && !tail.toString(StandardCharsets.ISO_8859_1).contains("KeyboardInterrupt")) {
                int n = t.read(buf, 0, buf.length, Duration.ofMillis(200));
                tail.write(buf, 0, n);
                if (tail.size() > 4096) {
                    byte[] last = Arrays.copyOfRange(tail.toByteArray(), tail.size() - 2048, tail.size());
                    tail.reset();
                    tail.writeBytes(last);
                }
            }
            assertEquals("8", board.repl().exec("print(8)").text());
        }
    }

    @Test
    void putAndGetOf200KilobytesAreByteExact() throws IOException {
        byte[] data = random(200 * 1024);
        try (Board board = open()) {
            WebReplFiles files = WebRepl.files(board);
            files.put(data, "/big.bin");
            assertArrayEquals(data, Files.readAllBytes(server.root().resolve("big.bin")));
            assertArrayEquals(data, files.get("/big.bin"));
        }
    }

    @Test
    void aClosedBoardSaysSoInsteadOfReconnecting() throws IOException {
        Board board = open();
        board.close();
        assertThrows(TransportClosedException.class, () -> board.repl().exec("print(1)"));
        assertFalse(board.transport().isOpen());
        assertNotEquals(null, board.transport().name());
    }
}
