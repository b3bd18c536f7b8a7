package org.mpysdk.testkit.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.testkit.internal.built.MicroPythonWebReplServer;

/**
 * MicroPython's own WebREPL server, recorded frame by frame ({@code src/test/resources/webrepl-transcripts},
 * see {@link WebReplTranscript}), and our fixture {@link WebReplServer} checked against those recordings in
 * CI: the same client frames must get the same server frames (and the same closes and silences).
 *
 * <p>To record again on a machine with the built server:
 * {@code mvn -pl sdk-testkit test -Dtest=WebReplTranscriptTest -Dmpysdk.recordWebReplTranscripts=$PWD/sdk-testkit/src/test/resources/webrepl-transcripts}.
 * Without the property the built-peer test replays the recordings against the real server instead, so a
 * recording that no longer holds fails there.
 */
@Timeout(120)
class WebReplTranscriptTest {
    private static final String PASSWORD = "pw1234";
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Duration ANSWER = Duration.ofSeconds(5);

    /** A client action of a scenario (what is recorded comes from the server). */
    private record Scenario(String name, String comment, List<WebReplTranscript.Event> actions) {
    }

    private static WebReplTranscript.Event text(String s) {
        return new WebReplTranscript.Event("text", s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static WebReplTranscript.Event binary(byte[] b) {
        return new WebReplTranscript.Event("binary", b);
    }

    private static WebReplTranscript.Event of(String kind, byte[] b) {
        return new WebReplTranscript.Event(kind, b);
    }

    private static final WebReplTranscript.Event CONNECT = WebReplTranscript.Event.of("connect");
    private static final WebReplTranscript.Event EMPTY_CLOSE = WebReplTranscript.Event.of("close");

    private static byte[] request(int op, int size, String name) {
        ByteBuffer b = ByteBuffer.allocate(82).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'W').put((byte) 'A').put((byte) op).put((byte) 0).putLong(0).putInt(size)
                .putShort((short) name.length()).put(name.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static byte[] bytes(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (from + i * 7);
        }
        return b;
    }

    /** What each recording shows; the client side, the same on both servers. */
    static List<Scenario> scenarios() {
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("login-and-empty-close", "login; an empty close frame is answered and ends the session",
                List.of(CONNECT, text(PASSWORD + "\r"), EMPTY_CLOSE)));
        s.add(new Scenario("login-denied", "a wrong password: Access denied, then the board drops the connection",
                List.of(CONNECT, text("wrong1\r"))));
        s.add(new Scenario("password-typed-long", "the board keeps 10 typed characters and compares them with PASS",
                List.of(CONNECT, text(PASSWORD + "xxxxxx\r"))));
        s.add(new Scenario("version", "GET_VER: three bytes, major minor micro",
                List.of(CONNECT, text(PASSWORD + "\r"), binary(request(3, 0, "")), EMPTY_CLOSE)));
        s.add(new Scenario("put-then-get", "PUT of 600 bytes in two frames, then GET in chunks of 256 asked for by \\0",
                List.of(CONNECT, text(PASSWORD + "\r"), binary(request(1, 600, "/t.bin")), binary(bytes(0, 300)),
                        binary(bytes(300, 300)), binary(request(2, 0, "/t.bin")), binary(new byte[] {0}),
                        binary(new byte[] {0}), binary(new byte[] {0}), binary(new byte[] {0}), EMPTY_CLOSE)));
        s.add(new Scenario("request-split-across-frames", "the 82-byte request may come in pieces",
                List.of(CONNECT, text(PASSWORD + "\r"), binary(Arrays.copyOf(request(3, 0, ""), 40)),
                        binary(Arrays.copyOfRange(request(3, 0, ""), 40, 82)), EMPTY_CLOSE)));
        s.add(new Scenario("get-missing", "GET of a missing file: no status, the board drops the connection",
                List.of(CONNECT, text(PASSWORD + "\r"), binary(request(2, 0, "/missing.bin")))));
        s.add(new Scenario("put-into-missing-folder", "PUT into a missing folder: the board drops the connection",
                List.of(CONNECT, text(PASSWORD + "\r"), binary(request(1, 10, "/nope/x.bin")))));
        s.add(new Scenario("close-with-status-code", "a close frame with a status code is answered, but the session stays"
                + " open (its 2 payload bytes went into the file request buffer); an empty close ends it",
                List.of(CONNECT, text(PASSWORD + "\r"), of("close", new byte[] {0x03, (byte) 0xE8}), EMPTY_CLOSE)));
        s.add(new Scenario("ping-with-payload", "a ping is not answered; its payload (but the last byte) is taken as"
                + " file data, so the version request after it is read one byte off (type 'A') and the board drops the"
                + " connection",
                List.of(CONNECT, text(PASSWORD + "\r"), of("ping", "hi".getBytes(StandardCharsets.US_ASCII)),
                        binary(request(3, 0, "")))));
        s.add(new Scenario("empty-ping", "a ping without payload is ignored (no pong), the next request works",
                List.of(CONNECT, text(PASSWORD + "\r"), of("ping", new byte[0]), binary(request(3, 0, "")), EMPTY_CLOSE)));
        return s;
    }

    static Stream<String> recorded() throws IOException, URISyntaxException {
        Path dir = transcriptDir();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList().stream();
        }
    }

    private static Path transcriptDir() throws URISyntaxException {
        return Path.of(WebReplTranscriptTest.class.getResource("/webrepl-transcripts").toURI());
    }

    @Test
    @Tag("transcript")
    void everyScenarioIsRecorded() throws Exception {
        List<String> files = recorded().toList();
        for (Scenario s : scenarios()) {
            assertFalse(!files.contains(s.name() + ".txt"), "no recording of " + s.name() + " in " + files);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    @Tag("transcript")
    void theFixtureAnswersAsMicroPythonsServerDid(String file) throws Exception {
        WebReplTranscript t = WebReplTranscript.read(transcriptDir().resolve(file));
        try (PipeTerminal terminal = new PipeTerminal(false);
             WebReplServer server = WebReplServer.builder().password(t.password())
                     .version(t.version()[0], t.version()[1], t.version()[2]).terminal(terminal).start()) {
            replay(t, server.port(), file);
        }
    }

    @Test
    @Tag(BuiltPeers.TAG)
    void microPythonsServerStillAnswersAsRecorded() throws Exception {
        Path script = BuiltPeers.require(BuiltPeers.webReplServerScript(), BuiltPeers.WEBREPL_SERVER_HINT);
        String recordTo = System.getProperty("mpysdk.recordWebReplTranscripts");
        for (Scenario s : scenarios()) {
            // A fresh server per scenario: some end with the board in a state the next must not inherit.
            try (MicroPythonWebReplServer server = MicroPythonWebReplServer.start(script, PASSWORD, Map.of())) {
                if (recordTo != null) {
                    record(s, server.port()).write(Path.of(recordTo).resolve(s.name() + ".txt"));
                } else {
                    replay(WebReplTranscript.read(transcriptDir().resolve(s.name() + ".txt")), server.port(), s.name());
                }
            }
        }
    }

    /** Runs the scenario's actions on a server and writes down every answer. */
    private static WebReplTranscript record(Scenario s, int port) throws IOException {
        List<WebReplTranscript.Step> steps = new ArrayList<>();
        RawWebSocketClient client = null;
        try {
            for (WebReplTranscript.Event action : s.actions()) {
                List<WebReplTranscript.Event> answer = new ArrayList<>();
                if (action.kind().equals("connect")) {
                    client = RawWebSocketClient.connect(port);
                    answer.add(new WebReplTranscript.Event("http", client.head().getBytes(StandardCharsets.ISO_8859_1)));
                } else {
                    send(client, action);
                }
                while (true) {
                    RawWebSocketClient.Frame f = client.read(QUIET);
                    if (f == null) {
                        break;
                    }
                    answer.add(event(f));
                    if (f == RawWebSocketClient.Frame.EOF) {
                        break;
                    }
                }
                if (answer.isEmpty()) {
                    answer.add(WebReplTranscript.Event.of("quiet"));
                }
                steps.add(new WebReplTranscript.Step(action, answer));
                if (answer.get(answer.size() - 1).kind().equals("eof")) {
                    break; // the session is over; later actions of the scenario are not sent
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
        return new WebReplTranscript("MicroPython 1.29 WebREPL (unix port, _webrepl + websocket + webrepl.py), "
                + "recorded by WebReplTranscriptTest\n" + s.comment(), PASSWORD, new int[] {1, 29, 0}, steps);
    }

    /** Sends the recorded client frames and checks each recorded answer, frame by frame. */
    private static void replay(WebReplTranscript t, int port, String name) throws IOException {
        RawWebSocketClient client = null;
        try {
            int stepNo = 0;
            for (WebReplTranscript.Step step : t.steps()) {
                stepNo++;
                String where = name + " step " + stepNo + " (" + step.sent() + ")";
                List<WebReplTranscript.Event> expected = new ArrayList<>(step.answer());
                if (step.sent().kind().equals("connect")) {
                    client = RawWebSocketClient.connect(port);
                    WebReplTranscript.Event head = expected.remove(0);
                    assertEquals(new String(head.payload(), StandardCharsets.ISO_8859_1), client.head(), where + ": HTTP head");
                } else {
                    send(client, step.sent());
                }
                for (WebReplTranscript.Event e : expected) {
                    if (e.kind().equals("quiet")) {
                        RawWebSocketClient.Frame f = client.read(QUIET);
                        if (f != null) {
                            fail(where + ": the real server sent nothing here, this one sent " + event(f));
                        }
                        continue;
                    }
                    RawWebSocketClient.Frame f = client.read(ANSWER);
                    if (f == null) {
                        fail(where + ": expected " + e + ", got nothing within " + ANSWER.toMillis() + " ms");
                    }
                    assertEquals(e.toString(), event(f).toString(), where);
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private static void send(RawWebSocketClient client, WebReplTranscript.Event action) throws IOException {
        int opcode = switch (action.kind()) {
            case "text" -> RawWebSocketClient.TEXT;
            case "binary" -> RawWebSocketClient.BINARY;
            case "ping" -> RawWebSocketClient.PING;
            case "close" -> RawWebSocketClient.CLOSE;
            default -> throw new IllegalArgumentException("not a client frame: " + action.kind());
        };
        client.send(opcode, action.payload());
    }

    private static WebReplTranscript.Event event(RawWebSocketClient.Frame f) {
        if (f == RawWebSocketClient.Frame.EOF) {
            return WebReplTranscript.Event.of("eof");
        }
        String kind = switch (f.opcode()) {
            case RawWebSocketClient.TEXT -> "text";
            case RawWebSocketClient.BINARY -> "binary";
            case RawWebSocketClient.CLOSE -> "close";
            case RawWebSocketClient.PING -> "ping";
            default -> "opcode-" + f.opcode() + " " + HexFormat.of().formatHex(f.payload());
        };
        return new WebReplTranscript.Event(kind, f.payload());
    }
}
