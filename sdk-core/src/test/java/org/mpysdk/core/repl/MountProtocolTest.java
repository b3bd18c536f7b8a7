package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.AbstractTransport;

/**
 * The host's side of a mounted folder, driven with requests framed as the board's code frames them
 * ({@code mount.py}): answers, errno values, confinement to the folder, repeats not done twice, and the
 * split of the board's output into the program's bytes and requests.
 */
class MountProtocolTest {
    @TempDir
    Path tmp;

    /** What the board sends: Base64 of seq, command, arguments and their CRC-32. */
    static String frame(int seq, int cmd, byte[] args) {
        ByteBuffer b = ByteBuffer.allocate(2 + args.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) seq).put((byte) cmd).put(args);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return Base64.getEncoder().encodeToString(b.array());
    }

    static byte[] args(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                byte[] u = s.getBytes(StandardCharsets.UTF_8);
                out.write(u.length & 0xFF);
                out.write(u.length >> 8);
                out.writeBytes(u);
            } else if (p instanceof Byte v) {
                out.write(v);
            } else if (p instanceof Integer v) {
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            } else if (p instanceof Short v) {
                out.write(v & 0xFF);
                out.write(v >> 8);
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    /** An answer as the board checks it: header with its XOR check, CRC, sequence number. */
    record Answer(int seq, int result, byte[] payload) {
        static Answer parse(byte[] wire) {
            String s = new String(wire, StandardCharsets.ISO_8859_1);
            int n = Integer.parseInt(s.substring(0, 4), 16);
            assertEquals(n ^ 0xA5A5, Integer.parseInt(s.substring(4, 8), 16), "the length's check");
            assertEquals(n, s.length() - 8);
            assertTrue(s.indexOf('\u0003') < 0, "no Ctrl-C in an answer");
            byte[] d = s.substring(8).replace("\u001b\u0002", "\u0003").replace("\u001b\u0001", "\u001b")
                    .getBytes(StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(d, 0, d.length - 4);
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals((int) crc.getValue(), b.getInt(d.length - 4), "the answer's CRC");
            byte[] payload = new byte[d.length - 9];
            System.arraycopy(d, 5, payload, 0, payload.length);
            return new Answer(d[0] & 0xFF, b.getInt(1), payload);
        }
    }

    private int seq;

    private Answer ask(FolderServer server, int cmd, Object... parts) throws MountFrameException {
        seq = (seq + 1) & 255;
        return Answer.parse(server.answer(MountRequest.decode(frame(seq, cmd, args(parts)))));
    }

    private FolderServer server(MountOptions options) throws IOException {
        return new FolderServer(Files.createDirectories(tmp.resolve("app")), options);
    }

    @Test
    void filesAreOpenedReadWrittenAndListed() throws IOException {
        FolderServer s = server(MountOptions.defaults());
        Path app = tmp.resolve("app");
        Files.writeString(app.resolve("a.py"), "line one\nline two\n");
        int fd = ask(s, FolderServer.OPEN, "/a.py", "rb").result();
        assertEquals(0, fd);
        assertEquals("line one\n", new String(ask(s, FolderServer.READLINE, (byte) fd, 0, 512).payload(), StandardCharsets.UTF_8));
        Answer rest = ask(s, FolderServer.READ, (byte) fd, 9, 512);
        assertEquals("line two\n", new String(rest.payload(), StandardCharsets.UTF_8));
        assertEquals(9, rest.result());
        assertEquals(0, ask(s, FolderServer.READ, (byte) fd, 18, 512).payload().length, "the end");
        assertEquals(18, ask(s, FolderServer.SEEK, (byte) fd, 0, 0, (byte) 2).result(), "SEEK_END");
        assertEquals(0, ask(s, FolderServer.CLOSE, (byte) fd).result());
        assertEquals(-FolderServer.EBADF, ask(s, FolderServer.READ, (byte) fd, 0, 10).result(), "closed");

        int w = ask(s, FolderServer.OPEN, "sub.txt", "w").result();
        assertEquals(5, ask(s, FolderServer.WRITE, (byte) w, 0, "hello".getBytes(StandardCharsets.US_ASCII)).result());
        assertEquals(3, ask(s, FolderServer.WRITE, (byte) w, 1, "EY!".getBytes(StandardCharsets.US_ASCII)).result(), "at an offset");
        ask(s, FolderServer.CLOSE, (byte) w);
        assertEquals("hEY!o", Files.readString(app.resolve("sub.txt")));

        ByteBuffer st = ByteBuffer.wrap(ask(s, FolderServer.STAT, "/sub.txt").payload()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x8000, st.getInt());
        assertEquals(5, st.getInt());
        assertEquals(0x4000, ByteBuffer.wrap(ask(s, FolderServer.STAT, "/").payload()).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void ctrlCAndTheEscapeByteTravelEscaped() throws IOException {
        FolderServer s = server(MountOptions.defaults());
        byte[] tricky = {3, 27, 27, 2, 27, 1, 3, 3, 0, (byte) 255};
        Files.write(tmp.resolve("app/t.bin"), tricky);
        int fd = ask(s, FolderServer.OPEN, "t.bin", "rb").result();
        assertArrayEquals(tricky, ask(s, FolderServer.READ, (byte) fd, 0, 100).payload());
    }

    @Test
    void aRepeatedRequestIsAnsweredAgainButDoneOnce() throws IOException {
        FolderServer s = server(MountOptions.defaults());
        int fd = ask(s, FolderServer.OPEN, "log.txt", "a").result();
        String write = frame(9, FolderServer.WRITE, args((byte) fd, 0, "once\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] first = s.answer(MountRequest.decode(write));
        byte[] again = s.answer(MountRequest.decode(write)); // the answer was lost: the board sends the same frame
        assertArrayEquals(first, again);
        s.answer(MountRequest.decode(frame(10, FolderServer.WRITE, args((byte) fd, 5, "twice\n".getBytes(StandardCharsets.US_ASCII)))));
        s.close();
        assertEquals("once\ntwice\n", Files.readString(tmp.resolve("app/log.txt")));
        assertEquals(3, s.served(), "the repeat is not counted");
    }

    @Test
    void errorsAreTheBoardsErrnoValues() throws IOException {
        FolderServer s = server(MountOptions.defaults());
        Files.createDirectories(tmp.resolve("app/dir/inner"));
        assertEquals(-FolderServer.ENOENT, ask(s, FolderServer.STAT, "/missing.py").result());
        assertEquals(-FolderServer.ENOENT, ask(s, FolderServer.OPEN, "missing.py", "r").result());
        assertEquals(-FolderServer.EEXIST, ask(s, FolderServer.MKDIR, "/dir").result());
        assertEquals(-FolderServer.ENOTEMPTY, ask(s, FolderServer.RMDIR, "/dir").result());
        assertEquals(-FolderServer.EISDIR, ask(s, FolderServer.OPEN, "/dir", "rb").result());
        assertEquals(-FolderServer.EISDIR, ask(s, FolderServer.REMOVE, "/dir").result());
        assertEquals(-FolderServer.EINVAL, ask(s, FolderServer.OPEN, "/x", "q").result());
        assertEquals(-FolderServer.EINVAL, ask(s, 99).result());
        assertEquals(-FolderServer.EINVAL, ask(s, FolderServer.STAT).result(), "arguments missing");
        assertEquals(-FolderServer.EPERM, ask(s, FolderServer.RMDIR, "/").result(), "the folder itself stays");
        FolderServer ro = new FolderServer(tmp.resolve("app"), MountOptions.defaults().withReadOnly(true));
        assertEquals(-FolderServer.EROFS, ask(ro, FolderServer.OPEN, "new.txt", "w").result());
        assertEquals(-FolderServer.EROFS, ask(ro, FolderServer.MKDIR, "d2").result());
        assertTrue(ask(ro, FolderServer.STAT, "/dir").result() == 0, "reading is allowed");
    }

    @Test
    void nothingOutsideTheFolderIsReachable() throws IOException {
        FolderServer s = server(MountOptions.defaults());
        Path app = tmp.resolve("app");
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(app.resolve("out"), tmp);
        Files.createDirectories(app.resolve("pkg"));
        Files.writeString(app.resolve("pkg/m.py"), "x = 1\n");
        Files.createSymbolicLink(app.resolve("in"), app.resolve("pkg"));
        for (String p : List.of("/../secret.txt", "../secret.txt", "pkg/../../secret.txt", "/out/secret.txt", "out", "a\\..\\b", "a\0b")) {
            assertEquals(-FolderServer.EPERM, ask(s, FolderServer.STAT, p).result(), p);
            assertEquals(-FolderServer.EPERM, ask(s, FolderServer.OPEN, p, "w").result(), p);
        }
        assertEquals(-FolderServer.EPERM, ask(s, FolderServer.OPEN, "/out/new.txt", "w").result(), "no file created through a link");
        assertEquals(0, ask(s, FolderServer.STAT, "/in/m.py").result(), "a link that stays inside is followed");
        FolderServer unsafe = new FolderServer(app, MountOptions.defaults().withFollowLinksOutside(true));
        assertEquals(0, ask(unsafe, FolderServer.STAT, "/out/secret.txt").result(), "unless allowed (mpremote's --unsafe-links)");
        assertEquals(-FolderServer.EPERM, ask(unsafe, FolderServer.STAT, "/../secret.txt").result(), ".. never");
        assertTrue(Files.notExists(tmp.resolve("new.txt")));
    }

    @Test
    void aLongListingComesInPagesWithEveryNameOnce() throws IOException {
        FolderServer s = server(MountOptions.defaults().withChunk(128));
        Set<String> want = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String name = "module_with_a_long_name_" + i + ".py";
            Files.writeString(tmp.resolve("app").resolve(name), "");
            want.add(name);
        }
        Files.createDirectories(tmp.resolve("app/zdir"));
        List<String> got = new ArrayList<>();
        int pages = 0;
        for (boolean more = true; more; pages++) {
            Answer a = ask(s, FolderServer.LIST, "/", (short) got.size());
            more = a.result() == 1;
            byte[] d = a.payload();
            for (int j = 0; j < d.length; j += 2 + d[j + 1]) {
                String name = new String(d, j + 2, d[j + 1], StandardCharsets.UTF_8);
                got.add(name);
                assertEquals(name.equals("zdir") ? 4 : 8, d[j], name);
            }
        }
        assertTrue(pages > 5, pages + " pages");
        want.add("zdir");
        assertEquals(want, new HashSet<>(got));
        assertEquals(want.size(), got.size());
        assertEquals(-FolderServer.ENOTDIR, ask(s, FolderServer.LIST, "/module_with_a_long_name_1.py", (short) 0).result());
    }

    @Test
    void damagedRequestsAreRefusedTyped() {
        String good = frame(1, FolderServer.STAT, args("/"));
        char[] flipped = good.toCharArray();
        flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
        assertThrows(MountFrameException.class, () -> MountRequest.decode(new String(flipped)));
        assertThrows(MountFrameException.class, () -> MountRequest.decode(good.substring(1)));
        assertThrows(MountFrameException.class, () -> MountRequest.decode("AAAA"));
        assertThrows(MountFrameException.class, () -> MountRequest.decode("A".repeat(MountRequest.MAX_TEXT + 4)));
    }

    /** Collects what the host writes to the board. */
    static final class Wire extends AbstractTransport {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        Wire() {
            super("wire");
        }

        @Override
        protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) {
            return 0;
        }

        @Override
        protected void writeRaw(byte[] data, int off, int len) {
            written.write(data, off, len);
        }

        @Override
        protected void closeRaw() {
        }
    }

    @Test
    void theProgramsOutputPassesAroundRequestsCutAnywhere() throws IOException {
        byte[] stream = ("before \u0018" + frame(1, FolderServer.STAT, args("/")) + "\nafter \u0018 not a request\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= stream.length; cut++) {
            Wire wire = new Wire();
            MountDemux demux = new MountDemux(server(MountOptions.defaults()), wire);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(demux.filter(stream, 0, cut));
            out.writeBytes(demux.filter(stream, cut, stream.length - cut));
            assertEquals("before after \u0018 not a request\n", out.toString(StandardCharsets.ISO_8859_1), "cut at " + cut);
            assertEquals(0, Answer.parse(wire.written.toByteArray()).result(), "one answer, cut at " + cut);
        }
    }

    @Test
    void aRequestDamagedIntoAnotherByteIsDroppedNotPrinted() throws IOException {
        Wire wire = new Wire();
        MountDemux demux = new MountDemux(server(MountOptions.defaults()), wire);
        String f = frame(1, FolderServer.STAT, args("/"));
        byte[] in = ("out\u0018" + f.substring(0, 9) + "@" + f.substring(10) + "\nput").getBytes(StandardCharsets.ISO_8859_1);
        String shown = new String(demux.filter(in, 0, in.length), StandardCharsets.ISO_8859_1);
        assertEquals("output", shown, "the request is dropped up to its newline");
        assertEquals(0, wire.written.size(), "no answer to a damaged request: the board asks again");
    }

    @Test
    void aDamagedRequestIsAskedForAgain() throws IOException {
        Wire wire = new Wire();
        MountDemux demux = new MountDemux(server(MountOptions.defaults()), wire);
        String f = frame(1, FolderServer.STAT, args("/"));
        demux.filter(("\u0018" + f.substring(0, 5) + "B" + f.substring(6) + "\n").getBytes(StandardCharsets.US_ASCII), 0, f.length() + 2);
        assertArrayEquals(FolderServer.retryReply(), wire.written.toByteArray());
    }

    /** Any text either decodes to a request whose frame it is, or fails typed. */
    @FuzzTest(maxDuration = "10s")
    void anyTextDecodesOrFailsTyped(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsAsciiString();
        try {
            MountRequest r = MountRequest.decode(text);
            assertEquals(text, r.text());
            assertTrue(r.seq() >= 0 && r.seq() < 256 && r.command() >= 0 && r.command() < 256);
        } catch (MountFrameException expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }

    /**
     * Random board output, with real requests among it (random commands and arguments, so the folder
     * server runs on garbage arguments too), cut anywhere: output without a 0x18 passes unchanged,
     * every answer is well formed, nothing escapes the folder, nothing throws but the typed exception.
     */
    @FuzzTest(maxDuration = "10s")
    void anyOutputIsSplitAndServedSafely(FuzzedDataProvider data) throws IOException {
        Path root = Files.createTempDirectory("mount-fuzz");
        Path app = Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("outside.txt"), "x");
        try {
            Wire wire = new Wire();
            MountDemux demux = new MountDemux(new FolderServer(app, MountOptions.defaults()), wire);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            boolean plain = true;
            int parts = data.consumeInt(0, 8);
            for (int i = 0; i < parts; i++) {
                if (data.consumeBoolean()) {
                    stream.write(0x18);
                    stream.writeBytes(frame(data.consumeInt(0, 255), data.consumeInt(0, 14), data.consumeBytes(40))
                            .getBytes(StandardCharsets.US_ASCII));
                    stream.write('\n');
                    plain = false;
                } else {
                    byte[] junk = data.consumeBytes(200);
                    for (byte b : junk) {
                        plain &= b != 0x18;
                    }
                    stream.writeBytes(junk);
                }
            }
            byte[] all = stream.toByteArray();
            int cut = data.consumeInt(0, all.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(demux.filter(all, 0, cut));
            out.writeBytes(demux.filter(all, cut, all.length - cut));
            if (plain) {
                assertArrayEquals(all, out.toByteArray());
            }
            assertTrue(out.size() <= all.length);
            assertEquals("x", Files.readString(root.resolve("outside.txt")));
            try (var files = Files.list(root)) {
                assertEquals(2, files.count(), "nothing created beside the folder");
            }
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
