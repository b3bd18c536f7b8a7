import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.core.flash.FlashMode;
import org.mpysdk.serial.esp.protocol.CommandPacket;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.serial.esp.protocol.ResponsePacket;
import org.mpysdk.serial.esp.protocol.Slip;

/**
 * Writes the seed corpora of the fuzz tests that are generated rather than hand-written (run by
 * {@code bash .ci/fuzz-seeds}; the files are committed under each module's
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/}).
 *
 * <p>A {@code byte[]} target's seed is the input itself. A {@link FuzzedDataProvider} target's seed is built
 * by {@link Seed}, which lays the values out the way Jazzer 0.24's provider reads them back: byte arrays and
 * strings from the front of the input, integers and booleans from the back (the last byte first, most
 * significant byte first, as many bytes as the range needs). Every such seed is read back through Jazzer's own
 * provider, call by call, before it is written, so a seed that would not mean what it says fails here.
 */
public class FuzzSeeds {
    private static Path root;

    public static void main(String[] args) throws Exception {
        root = Path.of(args.length > 0 ? args[0] : ".");
        core();
        serial();
        webrepl();
        testkit();
        firmware();
        System.out.println("seeds written: " + written);
    }

    // ---------------------------------------------------------------- sdk-core

    static void core() throws Exception {
        String pkg = "sdk-core/src/test/resources/org/mpysdk/core/";
        String dir = pkg + "repl/PyLiteralsTestInputs/roundTrip/";
        raw(dir + "text", ascii("main.py"));
        raw(dir + "quotes-and-escapes", ascii("it's \"quoted\" \\ back\\slash\r\n\t"));
        raw(dir + "all-bytes", allBytes());
        raw(dir + "utf8", "héllo wörld ✓".getBytes(StandardCharsets.UTF_8));

        dir = pkg + "repl/PyLiteralsTestInputs/garbageEitherParsesOrThrowsTyped/";
        text(dir + "bytes", "b'main.py\\x00\\xff\\n'");
        text(dir + "bytes-double-quoted", "b\"it's\"");
        text(dir + "string", "'boot.py'");
        text(dir + "escapes", "b'\\\\\\'\\r\\t\\a\\b\\f\\v\\0\\x7f'");
        text(dir + "empty-bytes", "b''");
        text(dir + "bad-escape", "b'\\q\\x1'");
        text(dir + "unterminated", "b'abc");
        text(dir + "not-a-literal", "None");

        dir = pkg + "repl/RawReplFramingTestInputs/anySplitParsesTheSame/";
        rawReplReply(dir + "ok-output", "hello\r\n", "", true, 3, 7);
        rawReplReply(dir + "traceback", "", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "NameError: name 'x' isn't defined\r\n", true, 1, 2, 30);
        rawReplReply(dir + "no-ok-prefix", "1\r\n2\r\n", "", false);
        rawReplReply(dir + "split-everywhere", "ab", "c", true, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

        dir = pkg + "repl/RawReplFramingTestInputs/garbageIsBounded/";
        raw(dir + "reply", concat(ascii("OKhello\r\n\u0004\u0004>"), new byte[] {0}));
        raw(dir + "reply-after-ok", concat(ascii("hello\u0004NameError\u0004>"), new byte[] {1}));
        raw(dir + "friendly-prompt", concat(ascii("MicroPython v1.27.0\r\n>>> "), new byte[] {0}));
        raw(dir + "raw-banner", concat(ascii("raw REPL; CTRL-B to exit\r\n>"), new byte[] {0}));
        byte[] flood = new byte[600];
        Arrays.fill(flood, (byte) 'x');
        raw(dir + "long-output", concat(ascii("OK"), flood, ascii("\u0004\u0004>"), new byte[] {0}));

        dir = pkg + "repl/TracebackTestInputs/neverFails/";
        text(dir + "name-error", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "NameError: name 'x' isn't defined\r\n");
        text(dir + "os-error-errno", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                + "OSError: [Errno 2] ENOENT\r\n");
        text(dir + "os-error-number", "OSError: 19\r\n");
        text(dir + "no-message", "Traceback (most recent call last):\r\n  File \"main.py\", line 3\r\nKeyboardInterrupt: \r\n");
        text(dir + "nested", "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in f\r\n"
                + "ValueError: bad\r\n\r\nDuring handling of the above exception, another exception occurred:\r\n\r\n"
                + "Traceback (most recent call last):\r\n  File \"<stdin>\", line 4, in <module>\r\nTypeError: can't convert\r\n");
        text(dir + "not-a-traceback", "hello\r\n");

        dir = pkg + "repl/RemotePathsTestInputs/acceptedTargetsStayInside/";
        for (String[] p : new String[][] {{"file", "main.py"}, {"nested", "lib/umqtt/simple.py"},
                {"parent", "../etc/passwd"}, {"absolute", "/boot.py"}, {"climb-back", "a/../../b"},
                {"backslash", "lib\\x.py"}, {"drive", "C:\\x"}, {"dot-slash", "./"}, {"dotdot", ".."}, {"dots", "a/./b//c/"},
                {"spaces-unicode", "mes données/é.txt"}}) {
            text(dir + p[0], p[1]);
        }

        dir = pkg + "PortAddressTestInputs/parseNeverFailsUntyped/";
        for (String[] p : new String[][] {{"linux", "/dev/ttyUSB0"}, {"windows", "COM3"}, {"socket", "socket://localhost:3333"},
                {"rfc2217", "rfc2217://192.168.1.5:4000"}, {"webrepl", "ws://192.168.4.1:8266/"}, {"scheme-colon", "tcp:host:23"},
                {"no-port", "socket://host"}, {"bad-port", "socket://host:99999"}, {"ipv6", "socket://[::1]:23"},
                {"drive-letter", "C:\\dev"}, {"spaces", "  /dev/ttyACM0  "}}) {
            text(dir + p[0], p[1]);
        }

        dir = pkg + "AbstractTransportTestInputs/readUntilIsIndependentOfSplits/";
        readUntil(dir + "prompt-split", ascii(">>> "), ascii("raw REPL"), ascii("; CTRL-B>"), ascii(">> rest"));
        readUntil(dir + "eot-prompt", ascii("\u0004>"), ascii("OK1\r\n\u0004"), ascii("\u0004"), ascii(">"));
        readUntil(dir + "absent", ascii("OK"), ascii("O"), ascii("K"));  // found across the split
        readUntil(dir + "never-there", ascii("\u0004>"), ascii("no prompt here"));
        readUntil(dir + "byte-by-byte", ascii("ab"), ascii("a"), ascii("a"), ascii("b"), ascii("c"));

        dir = pkg + "flash/FlashIdTestInputs/everyIdRoundTripsAndSizesArePowersOfTwo/";
        for (int[] id : new int[][] {{0xEF4016}, {0xC84016}, {0x204016}, {0xEF4018}, {0xEF7015}, {0x000000}, {0xFFFFFF}}) {
            int v = id[0];
            seed(dir + String.format("rdid-%06x", v), s -> s.integer(0, 0xFFFFFF, v));
        }

        dir = pkg + "flash/EspImageHeaderTestInputs/garbageParsesOrFailsTyped/";
        byte[] esp32 = image(Chip.ESP32.imageChipId().getAsInt(), true, ascii("segment one"), new byte[40]);
        byte[] c3 = image(Chip.ESP32_C3.imageChipId().getAsInt(), false, ascii("c3"));
        byte[] esp8266 = image(-1, false, ascii("rom image"));
        raw(dir + "esp32-hashed", esp32);
        raw(dir + "esp32c3", c3);
        raw(dir + "esp8266", esp8266);
        raw(dir + "truncated", Arrays.copyOf(esp32, 30));
        byte[] bad = esp32.clone();
        bad[0] = (byte) 0xE8;
        raw(dir + "bad-magic", bad);
        byte[][] sixteen = new byte[16][];
        Arrays.fill(sixteen, new byte[4]);
        raw(dir + "sixteen-segments", image(0, false, sixteen));

        dir = pkg + "flash/EspImageHeaderTestInputs/garbageAtAnOffsetKeepsTheInvariantsOrFailsNamingTheOffset/";
        atOffset(dir + "esp32-at-0", true, 0, esp32);
        atOffset(dir + "esp32-at-16", true, 16, concat(new byte[16], esp32));
        atOffset(dir + "c3-at-64", true, 64, concat(new byte[64], c3));
        atOffset(dir + "negative-offset", false, -4, esp8266);
        atOffset(dir + "offset-past-end", true, 40, c3);

        dir = pkg + "flash/EspImageHeaderTestInputs/builtImagesRoundTripAndPatchKeepsThemValid/";
        built(dir + "esp32-one-segment", new byte[][] {ascii("code")}, Chip.ESP32, true, FlashMode.QIO);
        built(dir + "s3-two-segments", new byte[][] {new byte[300], ascii("data")}, Chip.ESP32_S3, false, FlashMode.DIO);
        built(dir + "c3-four-segments", new byte[][] {ascii("a"), new byte[0], ascii("ccc"), new byte[17]}, Chip.ESP32_C3, true,
                FlashMode.DOUT);
    }

    static void rawReplReply(String file, String stdout, String stderr, boolean ok, int... cuts) throws Exception {
        byte[] so = stdout.getBytes(StandardCharsets.ISO_8859_1);
        byte[] se = stderr.getBytes(StandardCharsets.ISO_8859_1);
        int replyLength = (ok ? 2 : 0) + so.length + 1 + se.length + 2 + "after".length();
        seed(file, s -> {
            s.integer(0, 3000, so.length).bytes(so).integer(0, 300, se.length).bytes(se).bool(ok).integer(0, 20, cuts.length);
            for (int c : cuts) {
                s.integer(0, replyLength, c);
            }
        });
    }

    static void readUntil(String file, byte[] pattern, byte[]... chunks) throws Exception {
        seed(file, s -> {
            s.integer(0, 4, pattern.length - 1).bytes(pattern);
            for (byte[] c : chunks) {
                s.integer(0, 16, c.length - 1).bytes(c);
            }
        });
    }

    static void atOffset(String file, boolean extended, int offset, byte[] bytes) throws Exception {
        seed(file, s -> s.bool(extended).integer(-4, 64, offset).remainingBytes(bytes));
    }

    static void built(String file, byte[][] segs, Chip chip, boolean hash, FlashMode mode) throws Exception {
        Chip[] chips = {Chip.ESP32, Chip.ESP32_S3, Chip.ESP32_C3};
        seed(file, s -> {
            s.integer(1, 4, segs.length);
            for (byte[] g : segs) {
                s.integer(0, 300, g.length).bytes(g);
            }
            s.pick(Arrays.asList(chips).indexOf(chip), chips.length).bool(hash).pick(mode.ordinal(), FlashMode.values().length);
        });
    }

    /** A small valid ESP image, as sdk-core's TestImages builds it. */
    static byte[] image(int chipId, boolean hash, byte[]... segments) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xE9);
        out.write(segments.length);
        out.write(2);
        out.write(0x20);
        out.writeBytes(le32(0x40080000));
        if (chipId >= 0) {
            byte[] ext = new byte[16];
            ext[0] = (byte) 0xEE;
            ext[4] = (byte) chipId;
            ext[5] = (byte) (chipId >> 8);
            ext[15] = (byte) (hash ? 1 : 0);
            out.writeBytes(ext);
        }
        int checksum = 0xEF;
        long load = chipId >= 0 ? 0x3FFB0000L : 0x40100000L;
        for (byte[] s : segments) {
            out.writeBytes(le32(load));
            out.writeBytes(le32(s.length));
            out.writeBytes(s);
            for (byte b : s) {
                checksum ^= b & 0xFF;
            }
            load += 0x1000;
        }
        while (out.size() % 16 != 15) {
            out.write(0);
        }
        out.write(checksum);
        byte[] body = out.toByteArray();
        return hash ? concat(body, MessageDigest.getInstance("SHA-256").digest(body)) : body;
    }

    // ---------------------------------------------------------------- sdk-serial

    static void serial() throws Exception {
        String pkg = "sdk-serial/src/test/resources/org/mpysdk/serial/esp/";
        String dir = pkg + "SecurityInfoTestInputs/anyBytesParseOrFailTyped/";
        raw(dir + "long-form-esp32s3", securityInfo(0x0000_0000, 0, new int[] {0, 0, 0, 0, 0, 0, 0}, 9, 0));
        raw(dir + "long-form-secure-boot", securityInfo(0x0000_0005, 1, new int[] {4, 9, 0, 0, 12, 0, 0}, 5, 3));
        raw(dir + "short-form-esp32s2", Arrays.copyOf(securityInfo(0x1, 0x7, new int[] {1, 2, 3, 4, 5, 6, 7}, 0, 0), 12));
        raw(dir + "one-short", new byte[19]);
        raw(dir + "one-long", new byte[21]);

        dir = pkg + "protocol/SlipFuzzTestInputs/roundTripUnderArbitrarySplits/";
        slipFrames(dir + "one-plain-frame", new byte[][] {ascii("hello")}, new byte[][] {new byte[0]}, 64);
        slipFrames(dir + "escapes", new byte[][] {{(byte) 0xC0, (byte) 0xDB, 1, (byte) 0xDC, (byte) 0xDD}}, new byte[][] {ascii("zz")}, 1);
        slipFrames(dir + "three-frames-noise", new byte[][] {
                SYNC_PACKET, {(byte) 0xDB}, {(byte) 0xC0, (byte) 0xC0}},
                new byte[][] {ascii("rst:0x1 "), new byte[0], {(byte) 0xDB, (byte) 0xDC}}, 3);

        dir = pkg + "protocol/SlipFuzzTestInputs/garbageNeverHangsAndNeverThrowsInTolerantMode/";
        raw(dir + "sync-frame", Slip.encode(SYNC_PACKET));
        raw(dir + "escaped", new byte[] {(byte) 0xC0, 1, (byte) 0xDB, (byte) 0xDC, (byte) 0xDB, (byte) 0xDD, 2, (byte) 0xC0});
        raw(dir + "bad-escape", new byte[] {(byte) 0xC0, 1, (byte) 0xDB, 0x00, 2, (byte) 0xC0});
        raw(dir + "empty-frames", new byte[] {(byte) 0xC0, (byte) 0xC0, (byte) 0xC0});
        raw(dir + "boot-text-then-frame", concat(ascii("ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET)\r\n"),
                Slip.encode(new ResponsePacket(Opcode.SYNC, 0, new byte[] {0, 0}).encode())));
        raw(dir + "escape-at-end", new byte[] {(byte) 0xC0, 1, 2, (byte) 0xDB});

        dir = pkg + "protocol/PacketFuzzTestInputs/commandRoundTrip/";
                command(dir + "sync", Opcode.SYNC, 0, SYNC_DATA);
        command(dir + "flash-begin", Opcode.FLASH_BEGIN, 0, concat(le32(0x1000), le32(1), le32(0x4000), le32(0x1000)));
        command(dir + "mem-data", Opcode.MEM_DATA, 0xEF ^ 0x12 ^ 0x34, concat(le32(2), le32(0), new byte[8], new byte[] {0x12, 0x34}));
        command(dir + "read-reg", Opcode.READ_REG, 0, le32(0x6000_8000));
        command(dir + "empty", Opcode.ERASE_FLASH, -1, new byte[0]);

        dir = pkg + "protocol/PacketFuzzTestInputs/responseRoundTrip/";
        response(dir + "sync-ok", Opcode.SYNC, 0, new byte[] {0, 0});
        response(dir + "invalid-message", Opcode.FLASH_BEGIN, 0, new byte[] {1, 5});
        response(dir + "read-reg-value", Opcode.READ_REG, 0x0000_1234, new byte[] {0, 0});
        response(dir + "stub-status", Opcode.FLASH_DEFL_DATA, 0, new byte[] {(byte) 0xC7, 0});
        response(dir + "md5", Opcode.SPI_FLASH_MD5, 0, concat(ascii("0123456789abcdef0123456789abcdef"), new byte[] {0, 0}));

        dir = pkg + "protocol/PacketFuzzTestInputs/garbageDecodesOrFailsTyped/";
        raw(dir + "sync-command", SYNC_PACKET);
        raw(dir + "sync-response", new ResponsePacket(Opcode.SYNC, 0, new byte[] {0, 0}).encode());
        raw(dir + "error-response", new ResponsePacket(Opcode.FLASH_BEGIN, 0, new byte[] {1, 5}).encode());
        byte[] lying = new ResponsePacket(Opcode.READ_REG, 7, new byte[] {0, 0}).encode();
        lying[2] = 100;  // announces more data than it carries
        raw(dir + "length-too-long", lying);
        raw(dir + "header-only", Arrays.copyOf(SYNC_PACKET, 8));
        raw(dir + "short", new byte[] {1, 8, 2});

        dir = pkg + "stub/StubImageTestInputs/garbageJsonFailsTypedNeverLoops/";
        String b64 = Base64.getEncoder().encodeToString(ascii("stub"));
        text(dir + "valid", "{\"entry\": 1074521580, \"text\": \"" + b64 + "\", \"text_start\": 1074520064, \"data\": \"" + b64
                + "\", \"data_start\": 1073605544}");
        text(dir + "with-bss", "{\"entry\":1074521580,\"text\":\"" + b64 + "\",\"text_start\":1074520064,\"data\":\"\","
                + "\"data_start\":1073605544,\"bss_start\":1073610752,\"extra\":[1,2.5e3,true,null,{\"k\":\"\\u00e9\\n\"}]}");
        text(dir + "missing-text", "{\"entry\": 1, \"text_start\": 0, \"data\": \"\", \"data_start\": 0}");
        text(dir + "bad-base64", "{\"entry\": 1, \"text\": \"!!!\", \"text_start\": 0, \"data\": \"\", \"data_start\": 0}");
        text(dir + "huge-number", "{\"entry\": 99999999999999999999999, \"text\": \"AA==\"}");
        text(dir + "unterminated", "{\"entry\": 1, \"text\": \"AA");
        text(dir + "deep", "[".repeat(200));
        text(dir + "not-an-object", "\"just a string\"");

        dir = pkg + "stub/StubImageTestInputs/generatedStubsRoundTrip/";
        stub(dir + "small", ascii("text"), ascii("data"), 0x4008_0000L);
        stub(dir + "no-data", new byte[300], new byte[0], 0xFFFF_FFFFL);
        stub(dir + "entry-zero", new byte[] {0}, new byte[100], 0);
    }

    /** SYNC's payload: 07 07 12 20, then 32 times 0x55. */
    static final byte[] SYNC_DATA = concat(new byte[] {7, 7, 0x12, 0x20}, fill(32, 0x55));
    static final byte[] SYNC_PACKET = new CommandPacket(Opcode.SYNC, 0, SYNC_DATA).encode();

    static byte[] securityInfo(int flags, int count, int[] purposes, int chipId, int eco) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(flags).put((byte) count);
        for (int p : purposes) {
            b.put((byte) p);
        }
        b.putInt(chipId).putInt(eco);
        return b.array();
    }

    static void slipFrames(String file, byte[][] payloads, byte[][] noise, int split) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < payloads.length; i++) {
            wire.writeBytes(noise[i]);
            wire.writeBytes(Slip.encode(payloads[i]));
        }
        int wireLength = wire.size();
        seed(file, s -> {
            s.integer(1, 5, payloads.length);
            for (int i = 0; i < payloads.length; i++) {
                s.integer(1, 200, payloads[i].length).bytes(payloads[i]).integer(0, 8, noise[i].length).bytes(noise[i]);
            }
            for (int pos = 0; pos < wireLength; pos += split) {
                s.integer(1, 64, split);
            }
        });
    }

    static void command(String file, Opcode op, int checksum, byte[] payload) throws Exception {
        seed(file, s -> s.pick(op.ordinal(), Opcode.values().length).integer(checksum).integer(0, 2000, payload.length).bytes(payload));
    }

    static void response(String file, Opcode op, int value, byte[] data) throws Exception {
        seed(file, s -> s.pick(op.ordinal(), Opcode.values().length).integer(value).integer(0, 600, data.length).bytes(data));
    }

    static void stub(String file, byte[] text, byte[] data, long entry) throws Exception {
        seed(file, s -> s.integer(1, 300, text.length).bytes(text).integer(0, 100, data.length).bytes(data).integer(0, 0xFFFF_FFFFL, entry));
    }

    // ---------------------------------------------------------------- sdk-webrepl

    static void webrepl() throws Exception {
        String pkg = "sdk-webrepl/src/test/resources/org/mpysdk/webrepl/";
        String dir = pkg + "BootScriptTestInputs/editsAreIdempotent/";
        text(dir + "empty-boot", "# This file is executed on every boot (including wake-boot from deepsleep)\n"
                + "#import esp\n#esp.osdebug(None)\n");
        text(dir + "enabled", "import webrepl\nwebrepl.start()\n");
        text(dir + "enabled-crlf", "import esp\r\nimport webrepl\r\nwebrepl.start(password='secret')\r\n");
        text(dir + "commented", "#import webrepl\n#webrepl.start()\n");
        text(dir + "indented", "import network\nif True:\n    import webrepl\n    webrepl.start()\n");
        text(dir + "setup-module", "import webrepl_setup\n");
        text(dir + "no-final-newline", "import gc\ngc.collect()");
        text(dir + "one-line", "import webrepl; webrepl.start()\n");

        dir = pkg + "FileRequestTestInputs/roundTrip/";
        request(dir + "put", PUT_FILE, 0, 0, 1234, 7, ascii("main.py"));
        request(dir + "get", GET_FILE, 0, 0, 0, 7, ascii("boot.py"));
        request(dir + "version", GET_VER, 0, 0, 0, 0, new byte[0]);
        byte[] longName = new byte[63];
        Arrays.fill(longName, (byte) 'n');
        request(dir + "long-name-odd-fields", PUT_FILE, 255, -1, 0xFFFF_FFFFL, 0xFFFF, longName);

        dir = pkg + "FileRequestTestInputs/garbageDecodesOrFailsTyped/";
        raw(dir + "put", fileRecord(PUT_FILE, 0, 0, 1234, 7, ascii("main.py")));
        raw(dir + "get", fileRecord(GET_FILE, 0, 0, 0, 11, ascii("lib/util.py")));
        raw(dir + "version", fileRecord(GET_VER, 0, 0, 0, 0, new byte[0]));
        byte[] put = fileRecord(PUT_FILE, 0, 0, 1, 1, ascii("x"));
        byte[] unknownOp = put.clone();
        unknownOp[2] = 9;
        raw(dir + "unknown-op", unknownOp);
        byte[] noNul = put.clone();
        Arrays.fill(noNul, 18, 82, (byte) 'a');
        raw(dir + "name-without-nul", noNul);
        raw(dir + "one-short", Arrays.copyOf(put, 81));
        byte[] badMagic = put.clone();
        badMagic[1] = 'B';
        raw(dir + "bad-magic", badMagic);

        dir = pkg + "FrameKindTapTestInputs/splitsDoNotMatter/";
        int[] lengths = {0, 1, 125, 126, 127, 300, 65535, 65536};
        frames(dir + "one-text-frame", new boolean[] {true}, new int[] {1}, 5000);
        frames(dir + "mixed-lengths", new boolean[] {true, false, true}, new int[] {0, 3, 5}, 1, 7, 126);
        frames(dir + "long-frames", new boolean[] {false, true}, new int[] {6, 7}, 4096, 3);
        frames(dir + "no-frames", new boolean[0], new int[0], 2);
        if (lengths.length != 8) {
            throw new AssertionError("FrameKindTapTest's length table changed");
        }

        dir = pkg + "WebReplTransportUnitTestInputs/everyCutIsValidUtf8/";
        utf8(dir + "ascii", 4, "print('hello')\r\n");
        utf8(dir + "two-byte", 5, "héllo wörld ünïcode");
        utf8(dir + "three-byte", 7, "日本語のテキスト ✓");
        utf8(dir + "four-byte", 4, "emoji 😀 and 𝄞 clef");
        utf8(dir + "max-cut", 255, "x".repeat(300) + "é".repeat(200));

        dir = pkg + "FileReplyTestInputs/statusRoundTrip/";
        for (int st : new int[] {0, 1, 0xFFFF, 0x4257}) {
            seed(dir + String.format("status-%04x", st), s -> s.integer(0, 0xFFFF, st));
        }

        dir = pkg + "FileReplyTestInputs/garbageParsesOrFailsTyped/";
        raw(dir + "status-ok", new byte[] {'W', 'B', 0, 0});
        raw(dir + "status-error", new byte[] {'W', 'B', 1, 0});
        raw(dir + "status-bad-magic", new byte[] {'W', 'A', 0, 0});
        raw(dir + "chunk-256", new byte[] {0, 1});
        raw(dir + "chunk-end", new byte[] {0, 0});
        raw(dir + "chunk-too-long", new byte[] {1, 1});
        raw(dir + "version-1-27-0", new byte[] {1, 27, 0});
    }

    /** WebREPL's file operations (the board's codes; the fuzz target picks them by index, code - 1). */
    static final int PUT_FILE = 1, GET_FILE = 2, GET_VER = 3;

    /** A WebREPL request record as modwebrepl.c reads it: "WA", op, flags, offset, size, name length, 64 name bytes. */
    static byte[] fileRecord(int op, int flags, long offset, long size, int nameLength, byte[] name) {
        ByteBuffer b = ByteBuffer.allocate(82).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'W').put((byte) 'A').put((byte) op).put((byte) flags);
        b.putLong(offset).putInt((int) size).putShort((short) nameLength).put(name);
        return b.array();
    }

    static void request(String file, int op, int flags, long offset, long size, int nameLength, byte[] name) throws Exception {
        if (name.length > 63) {
            throw new IllegalArgumentException("name");
        }
        // The target always asks for 63 name bytes; the zero bytes after a short name become 1 in the test.
        seed(file, s -> s.pick(op - 1, 3).integer(0, 255, flags).longInteger(offset)
                .integer(0, 0xFFFF_FFFFL, size).integer(0, 0xFFFF, nameLength).bytes(name));
    }

    static void frames(String file, boolean[] text, int[] lengthIndex, int... sizes) throws Exception {
        seed(file, s -> {
            s.integer(0, 8, text.length);
            for (int i = 0; i < text.length; i++) {
                s.bool(text[i]).pick(lengthIndex[i], 8);
            }
            s.integer(0, 4, sizes.length - 1);
            for (int n : sizes) {
                s.integer(1, 5000, n);
            }
        });
    }

    static void utf8(String file, int max, String text) throws Exception {
        seed(file, s -> s.integer(4, 255, max).remainingString(text));
    }

    // ---------------------------------------------------------------- sdk-testkit

    static void testkit() throws Exception {
        String pkg = "sdk-testkit/src/test/resources/org/mpysdk/testkit/";
        String dir = pkg + "micropython/PathNamesTestInputs/normalizeIsCleanAndIdempotent/";
        paths(dir + "relative-in-root", "", "main.py");
        paths(dir + "parent-of-lib", "lib", "../boot.py");
        paths(dir + "dots-and-slashes", "a/b", "./c//d/");
        paths(dir + "root", "x", "/./");
        paths(dir + "above-root", "", "../../..");
        paths(dir + "trailing-dotdot", "lib/sub", "x/..");
        paths(dir + "nul", "", "a\0b");
        paths(dir + "too-long", "", "d/".repeat(2100));
        paths(dir + "backslash-cwd", "we\\ird", "file");

        dir = pkg + "micropython/RawReplTrackerTestInputs/changesNothingButTheRawPasteRequest/";
        raw(dir + "raw-paste-request", ascii("\r\u0003\u0003\u0001\u0005A\u0001"));
        raw(dir + "raw-repl-code", ascii("\u0001print(1)\u0004\u0002"));
        raw(dir + "a-without-ctrl-e", ascii("\u0001AAA\u0004"));
        raw(dir + "ctrl-e-then-b", ascii("\u0005B\u0005\u0005A"));
        raw(dir + "paste-mode", ascii("\u0005def f():\r\n    return 1\r\n\u0004"));
    }

    static void paths(String file, String cwd, String path) throws Exception {
        seed(file, s -> s.string(cwd, 40).remainingString(path));
    }

    // ---------------------------------------------------------------- sdk-firmware

    static void firmware() throws Exception {
        String pkg = "sdk-firmware/src/test/resources/org/mpysdk/firmware/";
        String dir = pkg + "FileNameFuzzTestInputs/formatThenParse/";
        fileName(dir + "esp32-release", "ESP32_GENERIC", "", 2025, 12, 9, 1, 27, 0, -1, "", 0);
        fileName(dir + "variant-preview", "ESP32_GENERIC_S3", "SPIRAM_OCT", 2026, 1, 28, 1, 28, 0, 123, "a1b2c3d4e", 1);
        fileName(dir + "odd-fields", "_", "9", 1990, 1, 1, 0, 0, 0, 0, "f", 5);

        dir = pkg + "FileNameFuzzTestInputs/versionOrdering/";
        versions(dir + "release-preview-release", new int[] {1, 27, 0, -1}, new int[] {1, 28, 0, 5}, new int[] {1, 28, 0, -1});
        versions(dir + "all-equal", new int[] {1, 2, 3, -1}, new int[] {1, 2, 3, -1}, new int[] {1, 2, 3, -1});
        versions(dir + "previews", new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 500}, new int[] {3, 30, 3, 1});

        dir = pkg + "FileNameFuzzTestInputs/parseIsTotal/";
        text(dir + "release", "ESP32_GENERIC-20251209-v1.27.0.bin");
        text(dir + "app-bin", "ESP32_GENERIC_C3-20251209-v1.27.0.app-bin");
        text(dir + "uf2", "RPI_PICO_W-20251209-v1.27.0.uf2");
        text(dir + "elf", "ESP32_GENERIC-20251209-v1.27.0.elf");
        text(dir + "no-date", "ESP32_GENERIC-v1.27.0.bin");
        text(dir + "unknown-type", "ESP32_GENERIC-20251209-v1.27.0.zip");
        text(dir + "with-path", "firmware/ESP32_GENERIC-20251209-v1.27.0.bin");

        dir = pkg + "ImageParserFuzzTestInputs/pageParsers/";
        text(dir + "one-firmware-link", "<html><body><h1>ESP32_GENERIC</h1><h2>Firmware</h2><ul><li>"
                + "<a href=\"/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin\">v1.27.0 (2025-12-09) .bin</a> "
                + "[<a href=\"/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.app-bin\">.app-bin</a>]</li></ul></body></html>");
        text(dir + "one-board-card", "<html><body><div class=\"boards\"><a class=\"board-card\" href=\"/download/ESP32_GENERIC/\">"
                + "<div class=\"board-product\">ESP32</div></a><a href='/download/RPI_PICO/'>Pico</a></div></body></html>");
        text(dir + "empty-page", "<html><head><title>MicroPython</title></head><body></body></html>");
        text(dir + "broken-links", "<a href=\"/resources/firmware/\">x</a><a href=\"/download/\"><a href=\"/resources/firmware/"
                + "ESP32_GENERIC-20251339-v1.27.0.bin\">bad date</a><a href=");

        dir = pkg + "ImageParserFuzzTestInputs/verifier/";
        Chip[] chips = Chip.values();
        byte[] esp32App = image(Chip.ESP32.imageChipId().getAsInt(), true, new byte[64], ascii("app"));
        byte[] c3App = image(Chip.ESP32_C3.imageChipId().getAsInt(), false, new byte[32]);
        seed(dir + "esp32-app", s -> s.pick(Chip.ESP32.ordinal(), chips.length).bool(true).remainingBytes(esp32App));
        seed(dir + "c3-image-for-an-esp32", s -> s.pick(Chip.ESP32.ordinal(), chips.length).bool(true).remainingBytes(c3App));
        seed(dir + "app-as-full-image", s -> s.pick(Chip.ESP32_C3.ordinal(), chips.length).bool(false).remainingBytes(c3App));
        seed(dir + "truncated", s -> s.pick(Chip.ESP32.ordinal(), chips.length).bool(true)
                .remainingBytes(Arrays.copyOf(esp32App, 40)));

        dir = pkg + "ImageParserFuzzTestInputs/partitionTable/";
        byte[] table = partitionTable();
        seed(dir + "at-offset-32", s -> s.integer(0, 64, 32).remainingBytes(concat(new byte[32], table)));
        byte[] badMd5 = table.clone();
        badMd5[80] ^= 1;
        seed(dir + "bad-md5", s -> s.integer(0, 64, 0).remainingBytes(badMd5));
        seed(dir + "no-md5", s -> s.integer(0, 64, 0).remainingBytes(concat(Arrays.copyOf(table, 64), ff(32))));
    }

    static void fileName(String file, String board, String variant, int y, int m, int d, int major, int minor, int micro,
            int previewNumber, String hash, int type) throws Exception {
        String boardChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        String hex = "0123456789abcdef";
        seed(file, s -> {
            word(s, boardChars, 1, 30, board);
            s.bool(variant.isEmpty());
            if (!variant.isEmpty()) {
                word(s, boardChars, 1, 20, variant);
            }
            s.integer(1990, 2100, y).integer(1, 12, m).integer(1, 28, d);
            boolean preview = previewNumber >= 0;
            s.bool(preview).integer(0, 99, major).integer(0, 999, minor).integer(0, 99, micro);
            if (preview) {
                s.integer(0, 100_000, previewNumber);
                word(s, hex, 1, 12, hash);
            }
            s.pick(type, 6);
        });
    }

    static void versions(String file, int[]... vs) throws Exception {
        seed(file, s -> {
            for (int[] v : vs) {
                boolean preview = v[3] >= 0;
                s.bool(preview).integer(0, 3, v[0]).integer(0, 30, v[1]).integer(0, 3, v[2]);
                if (preview) {
                    s.integer(0, 500, v[3]);
                    word(s, "0123456789abcdef", 1, 3, "abc".substring(0, 1 + v[3] % 3));
                }
            }
        });
    }

    static void word(Seed s, String alphabet, int min, int max, String w) {
        s.integer(min, max, w.length());
        for (char c : w.toCharArray()) {
            int i = alphabet.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException(c + " not in " + alphabet);
            }
            s.integer(0, alphabet.length() - 1, i);
        }
    }

    /** An ESP-IDF partition table: nvs, factory app, the MD5 entry, then erased flash. */
    static byte[] partitionTable() throws Exception {
        byte[] entries = concat(partition(1, 2, 0x9000, 0x6000, "nvs"), partition(0, 0, 0x10000, 0x1F0000, "factory"));
        byte[] md5 = concat(new byte[] {(byte) 0xEB, (byte) 0xEB}, ff(14), MessageDigest.getInstance("MD5").digest(entries));
        return concat(entries, md5, ff(64));
    }

    static byte[] partition(int type, int subtype, int offset, int size, String label) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xAA).put((byte) 0x50).put((byte) type).put((byte) subtype).putInt(offset).putInt(size);
        b.put(Arrays.copyOf(ascii(label), 16)).putInt(0);
        return b.array();
    }

    // ---------------------------------------------------------------- the seed encoder

    /**
     * Lays values out as Jazzer 0.24's {@code FuzzedDataProviderImpl} reads them, and records the calls so that
     * {@link #check} can read the seed back through the real provider.
     */
    static final class Seed {
        private final ByteArrayOutputStream front = new ByteArrayOutputStream();
        private final ByteArrayOutputStream back = new ByteArrayOutputStream();  // in the order they are read
        private final List<Consumer<FuzzedDataProvider>> checks = new ArrayList<>();

        /** consumeInt(min, max) or consumeLong(min, max), pickValue (an index), consumeBoolean. */
        Seed integer(long min, long max, long value) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " outside " + min + ".." + max);
            }
            long range = max - min;
            long v = value - min;
            int n = 0;
            while (n < 8 && (range >>> (8 * n)) > 0) {
                n++;
            }
            for (int i = n - 1; i >= 0; i--) {
                back.write((int) (v >>> (8 * i)) & 0xFF);
            }
            boolean isInt = min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
            checks.add(d -> expect(isInt ? d.consumeInt((int) min, (int) max) : d.consumeLong(min, max), value,
                    "consume(" + min + ", " + max + ")"));
            return this;
        }

        /** consumeInt(): four bytes, no range. */
        Seed integer(int value) {
            for (int i = 3; i >= 0; i--) {
                back.write((value >>> (8 * i)) & 0xFF);
            }
            checks.add(d -> expect(d.consumeInt(), value, "consumeInt()"));
            return this;
        }

        /** consumeLong(): eight bytes, no range. */
        Seed longInteger(long value) {
            for (int i = 7; i >= 0; i--) {
                back.write((int) (value >>> (8 * i)) & 0xFF);
            }
            checks.add(d -> expect(d.consumeLong(), value, "consumeLong()"));
            return this;
        }

        Seed bool(boolean b) {
            back.write(b ? 1 : 0);
            checks.add(d -> expect(d.consumeBoolean(), b, "consumeBoolean()"));
            return this;
        }

        /** pickValue over an array of {@code length} elements. */
        Seed pick(int index, int length) {
            return integer(0, length - 1, index);
        }

        /** consumeBytes(bytes.length), or exactly these bytes where the target asks for more (its max). */
        Seed bytes(byte[] bytes) {
            front.writeBytes(bytes);
            checks.add(d -> expect(Arrays.toString(d.consumeBytes(bytes.length)), Arrays.toString(bytes), "consumeBytes"));
            return this;
        }

        Seed remainingBytes(byte[] bytes) {
            front.writeBytes(bytes);
            checks.add(d -> expect(Arrays.toString(d.consumeRemainingAsBytes()), Arrays.toString(bytes), "consumeRemainingAsBytes"));
            return this;
        }

        /** consumeString(maxLength): a single backslash ends the string, so backslashes are doubled. */
        Seed string(String s, int maxLength) {
            if (s.length() > maxLength) {
                throw new IllegalArgumentException(s);
            }
            front.writeBytes(modifiedUtf8(s.replace("\\", "\\\\")));
            if (s.length() < maxLength) {
                front.writeBytes(ascii("\\."));  // a backslash and the byte after it end the string
            }
            checks.add(d -> expect(d.consumeString(maxLength), s, "consumeString"));
            return this;
        }

        Seed remainingString(String s) {
            front.writeBytes(modifiedUtf8(s));
            checks.add(d -> expect(d.consumeRemainingAsString(), s, "consumeRemainingAsString"));
            return this;
        }

        byte[] build() {
            byte[] tail = back.toByteArray();
            byte[] reversed = new byte[tail.length];
            for (int i = 0; i < tail.length; i++) {
                reversed[i] = tail[tail.length - 1 - i];
            }
            return concat(front.toByteArray(), reversed);
        }

        /** Reads the seed back through Jazzer's own provider, call by call. */
        void check(String name, byte[] seed) {
            try (FuzzedDataProviderImpl d = FuzzedDataProviderImpl.withJavaData(seed)) {
                for (Consumer<FuzzedDataProvider> c : checks) {
                    c.accept(d);
                }
                if (d.remainingBytes() != 0) {
                    throw new AssertionError(name + ": " + d.remainingBytes() + " bytes left over");
                }
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        }

        private static void expect(Object got, Object want, String call) {
            if (!got.equals(want)) {
                throw new AssertionError(call + " read " + got + ", the seed meant " + want);
            }
        }
    }

    /** Java's modified UTF-8 (CESU-8 with NUL on two bytes), which Jazzer's string consumers pass through. */
    static byte[] modifiedUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : s.toCharArray()) {
            if (c != 0 && c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- writing

    private static int written;

    static void seed(String file, Consumer<Seed> calls) throws IOException {
        Seed s = new Seed();
        calls.accept(s);
        byte[] bytes = s.build();
        s.check(file, bytes);
        raw(file, bytes);
    }

    /** A string target's seed: its text, which Jazzer's consumeRemainingAsString returns unchanged. */
    static void text(String file, String s) throws IOException {
        seed(file, d -> d.remainingString(s));
    }

    static void raw(String file, byte[] bytes) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        written++;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static byte[] ff(int n) {
        return fill(n, 0xFF);
    }

    static byte[] fill(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
