package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputPacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    private InputPacer pacer(int capacity, int rate) {
        return new InputPacer(capacity, rate, () -> now, n -> {
            sleeps.add(n);
            now += n;
        });
    }

    @Test
    void aFullBufferWaitsUntilTheNextFrameFits() throws Exception {
        InputPacer p = pacer(255, 25_500);
        p.awaitTurn(255);
        assertEquals(List.of(), sleeps);
        p.awaitTurn(255);
        assertEquals(List.of(10_000_000L), sleeps);
        // One byte after a full frame waits only for one byte to drain (39.2 us), not a whole frame's time.
        p.awaitTurn(1);
        assertEquals(List.of(10_000_000L, 39_216L), sleeps);
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBufferSize() throws Exception {
        InputPacer p = pacer(255, 1000);
        p.awaitTurn(255);
        now += 5_000_000_000L;     // 5 s idle: the buffer is empty, not "5000 bytes of credit"
        p.awaitTurn(255);
        p.awaitTurn(10);           // must wait for 10 bytes to drain: 10 ms
        assertEquals(List.of(10_000_000L), sleeps);
    }

    @Test
    void averageRateHoldsOverManyFrames() throws Exception {
        InputPacer p = pacer(255, 25_500);
        long start = now;
        for (int i = 0; i < 400; i++) {
            p.awaitTurn(255);
        }
        // The first frame fills the buffer at once; each of the other 399 waits for 255 bytes to drain.
        assertEquals(3_990_000_000L, now - start);
    }
}
