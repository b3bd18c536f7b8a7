package org.mpysdk.serial.esp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SLIP framing: round trips under any split, noise around frames, garbage never hangs. */
class SlipFuzzTest {

    @Test
    void escapesDelimiterAndEscapeBytes() {
        assertArrayEquals(new byte[] {(byte) 0xC0, 1, (byte) 0xDB, (byte) 0xDC, (byte) 0xDB, (byte) 0xDD, 2, (byte) 0xC0},
                Slip.encode(new byte[] {1, (byte) 0xC0, (byte) 0xDB, 2}));
    }

    @Test
    void noiseBeforeAFrameIsKeptAsNoiseAndTheFrameStillDecodes() throws EspProtocolException {
        SlipDecoder d = new SlipDecoder();
        byte[] noise = "ets Jun  8 2016 boot:0x3 waiting for download\r\n".getBytes();
        List<byte[]> frames = d.feed(noise, 0, noise.length);
        assertTrue(frames.isEmpty());
        byte[] f = Slip.encode(new byte[] {1, 8, 2, 0});
        frames = d.feed(f, 0, f.length);
        assertEquals(1, frames.size());
        assertArrayEquals(new byte[] {1, 8, 2, 0}, frames.get(0));
        assertEquals(noise.length, d.noiseTotal());
        assertArrayEquals(noise, d.noise());
    }

    @Test
    void badEscapeThrowsInStrictModeAndIsSkippedInTolerantMode() {
        byte[] bad = {(byte) 0xC0, 1, (byte) 0xDB, 0x00, 2, (byte) 0xC0, (byte) 0xC0, 5, 6, (byte) 0xC0};
        assertThrows(EspProtocolException.class, () -> new SlipDecoder().feed(bad, 0, bad.length));
        List<byte[]> out = new ArrayList<>();
        int errors = new SlipDecoder().feedTolerant(bad, 0, bad.length, out);
        assertEquals(1, errors);
        assertArrayEquals(new byte[] {5, 6}, out.get(out.size() - 1), "the next good frame survives");
    }

    @FuzzTest(maxDuration = "10s")
    void roundTripUnderArbitrarySplits(FuzzedDataProvider data) throws EspProtocolException {
        int count = data.consumeInt(1, 5);
        List<byte[]> payloads = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] p = data.consumeBytes(data.consumeInt(1, 200));
            if (p.length == 0) {
                p = new byte[] {0x42};
            }
            payloads.add(p);
            // noise between frames must not contain a delimiter
            byte[] noise = data.consumeBytes(data.consumeInt(0, 8));
            for (byte b : noise) {
                if ((b & 0xFF) != 0xC0) {
                    wire.write(b);
                }
            }
            wire.writeBytes(Slip.encode(p));
        }
        byte[] all = wire.toByteArray();
        SlipDecoder d = new SlipDecoder();
        List<byte[]> got = new ArrayList<>();
        int pos = 0;
        while (pos < all.length) {
            int n = Math.min(all.length - pos, data.consumeInt(1, 64));
            got.addAll(d.feed(all, pos, n));
            pos += n;
        }
        assertEquals(payloads.size(), got.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), got.get(i));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void garbageNeverHangsAndNeverThrowsInTolerantMode(byte[] garbage) {
        SlipDecoder strict = new SlipDecoder();
        try {
            for (byte[] f : strict.feed(garbage, 0, garbage.length)) {
                assertTrue(f.length > 0 && f.length <= SlipDecoder.MAX_FRAME);
            }
        } catch (EspProtocolException expected) {
            assertTrue(expected.getMessage().contains("SLIP"));
        }
        List<byte[]> out = new ArrayList<>();
        int errors = new SlipDecoder().feedTolerant(garbage, 0, garbage.length, out);
        assertTrue(errors >= 0 && out.size() <= garbage.length);
    }
}
