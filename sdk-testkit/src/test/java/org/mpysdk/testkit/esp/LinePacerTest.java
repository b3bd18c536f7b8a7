package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinePacerTest {

    @Test
    void bytesTakeTenBitTimesEach() throws InterruptedException {
        ManualClock clock = new ManualClock();
        LinePacer pacer = new LinePacer(clock, 115200);
        pacer.pace(11520);
        assertEquals(1_000_000_000L, clock.nanoTime(), "11520 bytes at 115200 baud take exactly one second");
    }

    @Test
    void chunkingDoesNotAddRoundingDrift() throws InterruptedException {
        ManualClock clock = new ManualClock();
        LinePacer pacer = new LinePacer(clock, 921600);
        for (int i = 0; i < 92160; i++) {
            pacer.pace(1);
        }
        assertEquals(1_000_000_000L, clock.nanoTime());
    }

    @Test
    void aBaudChangeAppliesToLaterBytes() throws InterruptedException {
        ManualClock clock = new ManualClock();
        LinePacer pacer = new LinePacer(clock, 115200);
        pacer.pace(11520);
        pacer.setBaud(460800);
        pacer.pace(46080);
        assertEquals(2_000_000_000L, clock.nanoTime());
    }

    @Test
    void anIdleLineDoesNotBankTime() throws InterruptedException {
        ManualClock clock = new ManualClock();
        LinePacer pacer = new LinePacer(clock, 115200);
        clock.advance(5_000_000_000L);
        pacer.pace(11520);
        assertEquals(6_000_000_000L, clock.nanoTime(), "idle time is not credited to later bytes");
    }

    @Test
    void zeroBaudMeansNoPacing() throws InterruptedException {
        ManualClock clock = new ManualClock();
        new LinePacer(clock, 0).pace(1_000_000);
        assertEquals(0, clock.nanoTime());
    }
}
