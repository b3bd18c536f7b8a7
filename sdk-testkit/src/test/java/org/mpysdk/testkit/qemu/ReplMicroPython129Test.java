package org.mpysdk.testkit.qemu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.BoardResetException;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.core.repl.ReplOptions;
import org.mpysdk.testkit.internal.built.BuiltPeers;

/**
 * The raw REPL against MicroPython 1.29 on an emulated Cortex-M3 (a built peer: skipped where it is not
 * built), where a soft reset is real and raw-paste works.
 */
@Tag(BuiltPeers.TAG)
@Timeout(120)
class ReplMicroPython129Test {
    private static MicroPython129 peer;
    private Board board;
    private Repl repl;

    @BeforeAll
    static void start() throws IOException {
        peer = MicroPython129.start();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    @BeforeEach
    void open() throws IOException {
        board = Board.open(peer.pty());
        repl = board.repl();
    }

    @AfterEach
    void close() {
        board.close();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Before the fix the exec waited out its whole timeout (30 s here) and then failed as a timeout. */
    @Test
    void sysExitIsReportedAsASoftResetAtOnce() throws IOException {
        repl.exec("kept = 1");
        long t0 = System.nanoTime();
        BoardResetException e = assertThrows(BoardResetException.class,
                () -> repl.exec("print('bye')\nimport sys\nsys.exit()", Duration.ofSeconds(30)));
        long millis = millisSince(t0);
        assertTrue(e.soft(), e.getMessage());
        assertTrue(millis < 10_000, "the soft reset was reported after " + millis + " ms");
        assertEquals("False", repl.eval("'kept' in globals()"), "the REPL is usable and the Python state is gone");
    }

    @Test
    void machineSoftResetIsReportedTheSameWay() throws IOException {
        long t0 = System.nanoTime();
        BoardResetException e = assertThrows(BoardResetException.class,
                () -> repl.exec("import machine\nmachine.soft_reset()", Duration.ofSeconds(30)));
        assertTrue(e.soft(), e.getMessage());
        assertTrue(millisSince(t0) < 10_000);
        assertEquals("2", repl.eval("1+1"));
    }

    @Test
    void rawPasteIsUsedForLongCode() throws IOException {
        StringBuilder code = new StringBuilder("t = 0\n");
        for (int i = 0; i < 200; i++) {
            code.append("t += ").append(i).append("  # long enough to need raw-paste and its flow control\n");
        }
        code.append("print(t)");
        assertEquals(String.valueOf(199 * 200 / 2), repl.exec(code.toString()).text());
        assertEquals(Repl.RawPaste.SUPPORTED, repl.rawPaste());
    }

    /** Mounts the RAM filesystem of test resource {@code bench/ramfs.py} at {@code /} (the peer has none). */
    static void mountRamFs(Repl repl) throws IOException {
        try (InputStream in = ReplMicroPython129Test.class.getResourceAsStream("/bench/ramfs.py")) {
            repl.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Text goes as deflate blocks where the firmware has deflate (fewer bytes on the wire than the file:
     * faster than the line) and comes back as repr() lines, random bytes go and come as base64; both
     * arrive intact. Before, every byte took 1.4 bytes on the wire each way.
     */
    @Test
    void compressibleDataTravelsDeflatedAndRandomDataPlain() throws IOException {
        MicroPython129Benchmark.CountingTransport wire = new MicroPython129Benchmark.CountingTransport(board.transport());
        Repl counted = new Repl(wire, ReplOptions.defaults(), () -> ProgressListener.NONE, Cancellation::new);
        counted.softReset();
        mountRamFs(counted);
        BoardFiles fs = counted.files();
        byte[] text = MicroPython129Benchmark.pythonLikeText(20_000, 7);
        long tx0 = wire.tx();
        fs.put(text, "/main.py");
        long textWire = wire.tx() - tx0;
        assertTrue(textWire < text.length * 0.6, textWire + " bytes on the wire for " + text.length + " bytes of text");
        long rx0 = wire.rx();
        assertArrayEquals(text, fs.cat("/main.py"));
        long textBack = wire.rx() - rx0;
        assertTrue(textBack < text.length * 1.2, textBack + " bytes came back for " + text.length + " bytes of text (repr, not base64)");

        byte[] noise = MicroPython129Benchmark.randomBytes(6000, 7);
        tx0 = wire.tx();
        fs.put(noise, "/noise.bin");
        long noiseWire = wire.tx() - tx0;
        assertTrue(noiseWire > noise.length * 4 / 3, noiseWire + " bytes on the wire for " + noise.length + " random bytes");
        rx0 = wire.rx();
        assertArrayEquals(noise, fs.cat("/noise.bin"));
        long noiseBack = wire.rx() - rx0;
        assertTrue(noiseBack < noise.length * 1.45, noiseBack + " bytes came back for " + noise.length + " random bytes (base64)");
        assertEquals("[]", counted.eval("[n for n in globals() if n.startswith('__m') and n not in ('__mg', '__mgh')]"), "no helper is left but the guard's own");
        counted.softReset();
    }

    /** Where {@code import deflate} fails, compressible data goes as plain base64, still intact. */
    @Test
    void withoutDeflateTextGoesPlain() throws IOException {
        MicroPython129Benchmark.CountingTransport wire = new MicroPython129Benchmark.CountingTransport(board.transport());
        Repl counted = new Repl(wire, ReplOptions.defaults(), () -> ProgressListener.NONE, Cancellation::new);
        counted.softReset();
        mountRamFs(counted);
        counted.exec("import sys\nsys.modules['deflate']=sys"); // a module without DeflateIO: the import fails
        byte[] text = MicroPython129Benchmark.pythonLikeText(5000, 8);
        long tx0 = wire.tx();
        counted.files().put(text, "/main.py");
        long textWire = wire.tx() - tx0;
        assertTrue(textWire > text.length * 4 / 3, textWire + " bytes on the wire for " + text.length + " bytes of text");
        assertArrayEquals(text, counted.files().cat("/main.py"));
        counted.softReset();
    }

    /**
     * Without the guard, a compressed chunk changed on the way reaches the board's inflater, which fails
     * with OSError; that must read as a damaged chunk (sent again), not as a board that cannot write.
     */
    @Test
    void aDamagedDeflateChunkIsSentAgainEvenUnguarded() throws IOException {
        int[] flipped = {0};
        int at = 60; // inside the first compressed block: the inflater fails on it (EINVAL)
        org.mpysdk.testkit.internal.ForwardingTransport flipper = new org.mpysdk.testkit.internal.ForwardingTransport(board.transport()) {
            private final StringBuilder recent = new StringBuilder();
            private int sinceMarker = -1;

            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
                for (int i = 0; i < copy.length; i++) {
                    if (sinceMarker >= 0 && ++sinceMarker == at && flipped[0] == 0) {
                        copy[i] = (byte) (copy[i] == 'A' ? 'B' : 'A'); // still base64: only the inflater can tell
                        flipped[0]++;
                    }
                    recent.append((char) copy[i]);
                    if (recent.length() > 16) {
                        recent.delete(0, recent.length() - 16);
                    }
                    if (sinceMarker < 0 && recent.toString().endsWith("__mw(__mx(b'")) {
                        sinceMarker = 0;
                    }
                }
                super.write(copy, 0, copy.length);
            }
        };
        Repl unguarded = new Repl(flipper, ReplOptions.defaults().withGuard(false), () -> ProgressListener.NONE, Cancellation::new);
        unguarded.softReset();
        mountRamFs(unguarded);
        byte[] text = MicroPython129Benchmark.pythonLikeText(12_000, 9);
        unguarded.files().put(text, "/main.py");
        assertEquals(1, flipped[0], "one byte of a compressed chunk was changed");
        assertArrayEquals(text, unguarded.files().cat("/main.py"));
        unguarded.softReset();
    }
}
