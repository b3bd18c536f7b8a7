package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputPacerTest {
    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private InputPacer pacer(int rate) {
        return new InputPacer(rate, () -> now, n -> {
            sleeps.add(n);
            now += n;
        });
    }

    @Test
    void firstFrameGoesAtOnceThenEachWaitsItsShare() throws Exception {
        InputPacer p = pacer(25_500);
        p.awaitTurn(255);
        assertEquals(List.of(), sleeps);
        p.awaitTurn(255);
        assertEquals(List.of(10_000_000L), sleeps);
        p.awaitTurn(100);
        assertEquals(List.of(10_000_000L, 10_000_000L), sleeps);
    }

    @Test
    void idleTimeIsNotSavedUpIntoABurst() throws Exception {
        InputPacer p = pacer(1000);
        p.awaitTurn(10);           // books 10 ms
        now += 5_000_000_000L;     // 5 s idle
        p.awaitTurn(10);           // goes at once
        p.awaitTurn(10);           // waits 10 ms: the idle time gave no credit
        assertEquals(List.of(10_000_000L), sleeps);
    }

    @Test
    void averageRateHoldsOverManyFrames() throws Exception {
        InputPacer p = pacer(25_500);
        long start = now;
        for (int i = 0; i < 400; i++) {
            p.awaitTurn(255);
        }
        // 400 frames: the last goes after 399 shares of 10 ms.
        assertEquals(3_990_000_000L, now - start);
    }
}
