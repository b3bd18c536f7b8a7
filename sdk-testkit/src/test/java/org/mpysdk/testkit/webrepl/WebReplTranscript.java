package org.mpysdk.testkit.webrepl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What passed between a WebSocket client and a WebREPL server, frame by frame, as text that diffs well.
 *
 * <pre>
 * # what the scenario shows
 * password pw1234
 * version 1 29 0
 * > connect
 * < http "HTTP/1.1 101 Switching Protocols\r\n..."
 * < text "Password: "
 * > text "pw1234\r"
 * < text "\r\nWebREPL connected\r\n>>> "
 * > binary 5741030000...
 * < binary 011d00
 * > close
 * < close
 * < eof
 * </pre>
 *
 * <p>{@code >} lines are what the client sent ({@code connect}, {@code text}, {@code binary}, {@code ping},
 * {@code close} with an optional hex payload); {@code <} lines what the server sent after it, in order
 * ({@code http} head, {@code text}, {@code binary}, {@code close} frames, {@code eof} when it closed the
 * TCP connection, {@code quiet} when it sent nothing at all). Text is quoted with {@code \r \n \" \\}
 * and {@code \xNN} escapes; binary payloads are hex.
 *
 * @param comment the lines after {@code #}, joined
 * @param password the server's password
 * @param version the version the server reports (major, minor, micro)
 * @param steps the client's actions, each with what the server answered
 */
record WebReplTranscript(String comment, String password, int[] version, List<Step> steps) {

    /** One client action and the server's answer to it. */
    record Step(Event sent, List<Event> answer) {
    }

    /** A frame or connection event; {@code kind} is one of the words above. */
    record Event(String kind, byte[] payload) {
        static Event of(String kind) {
            return new Event(kind, new byte[0]);
        }

        @Override
        public String toString() {
            return kind + (payload.length == 0 && !kind.equals("text") ? "" : " " + encode(kind, payload));
        }
    }

    static WebReplTranscript read(Path file) throws IOException {
        StringBuilder comment = new StringBuilder();
        String password = null;
        int[] version = {1, 24, 1};
        List<Step> steps = new ArrayList<>();
        Event sent = null;
        List<Event> answer = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment.append(line.substring(1).strip()).append('\n');
            } else if (line.startsWith("password ")) {
                password = line.substring(9).strip();
            } else if (line.startsWith("version ")) {
                String[] v = line.substring(8).strip().split(" ");
                version = new int[] {Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2])};
            } else if (line.startsWith("> ") || line.startsWith("< ")) {
                Event e = parseEvent(line.substring(2), file + ":" + lineNo);
                if (line.charAt(0) == '>') {
                    if (sent != null) {
                        steps.add(new Step(sent, List.copyOf(answer)));
                    }
                    sent = e;
                    answer = new ArrayList<>();
                } else {
                    if (sent == null) {
                        throw new IOException(file + ":" + lineNo + ": a server event before any client action");
                    }
                    answer.add(e);
                }
            } else {
                throw new IOException(file + ":" + lineNo + ": not a transcript line: " + line);
            }
        }
        if (sent != null) {
            steps.add(new Step(sent, List.copyOf(answer)));
        }
        if (password == null) {
            throw new IOException(file + ": no password line");
        }
        return new WebReplTranscript(comment.toString().strip(), password, version, List.copyOf(steps));
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String c : comment.split("\n")) {
            out.append("# ").append(c).append('\n');
        }
        out.append("password ").append(password).append('\n');
        out.append("version ").append(version[0]).append(' ').append(version[1]).append(' ').append(version[2]).append('\n');
        for (Step s : steps) {
            out.append("> ").append(s.sent()).append('\n');
            for (Event e : s.answer()) {
                out.append("< ").append(e).append('\n');
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static Event parseEvent(String text, String where) throws IOException {
        int sp = text.indexOf(' ');
        String kind = sp < 0 ? text : text.substring(0, sp);
        String arg = sp < 0 ? "" : text.substring(sp + 1);
        return switch (kind) {
            case "connect", "eof", "quiet" -> Event.of(kind);
            case "text", "http" -> new Event(kind, unquote(arg, where));
            case "binary", "ping", "close" -> new Event(kind, HexFormat.of().parseHex(arg.replace(" ", "")));
            default -> throw new IOException(where + ": unknown event " + kind);
        };
    }

    private static String encode(String kind, byte[] payload) {
        if (kind.equals("text") || kind.equals("http")) {
            StringBuilder q = new StringBuilder("\"");
            for (byte b : payload) {
                int c = b & 0xFF;
                switch (c) {
                    case '\r' -> q.append("\\r");
                    case '\n' -> q.append("\\n");
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    default -> {
                        if (c >= 0x20 && c < 0x7F) {
                            q.append((char) c);
                        } else {
                            q.append(String.format("\\x%02x", c));
                        }
                    }
                }
            }
            return q.append('"').toString();
        }
        return HexFormat.of().formatHex(payload);
    }

    private static byte[] unquote(String q, String where) throws IOException {
        if (q.length() < 2 || q.charAt(0) != '"' || q.charAt(q.length() - 1) != '"') {
            throw new IOException(where + ": text must be quoted: " + q);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = q.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IOException(where + ": unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }
}
