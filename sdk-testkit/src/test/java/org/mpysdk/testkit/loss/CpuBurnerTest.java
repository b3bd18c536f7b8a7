package org.mpysdk.testkit.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The burner spins, stops on close, and stops by itself at its limit. */
@Timeout(30)
class CpuBurnerTest {
    @Test
    void spinsUntilClosed() throws InterruptedException {
        CpuBurner burner = CpuBurner.start(2, Duration.ofMinutes(1));
        try {
            assertTrue(burner.isRunning());
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (burner.report().spins() == 0 && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
            assertTrue(burner.report().spins() > 0, "the threads spin");
        } finally {
            burner.close();
        }
        assertFalse(burner.isRunning(), "close stops every thread");
        CpuBurner.Report r = burner.report();
        assertEquals(2, r.threads());
        assertTrue(r.ran().compareTo(Duration.ofMinutes(1)) < 0, r.toString());
        burner.close(); // idempotent
    }

    @Test
    void stopsByItselfAtItsLimit() throws InterruptedException {
        try (CpuBurner burner = CpuBurner.start(1, Duration.ofMillis(100))) {
            assertTrue(burner.awaitStopped(Duration.ofSeconds(10)), "the limit stops the burner without close");
            assertTrue(burner.report().ran().compareTo(Duration.ofMillis(100)) <= 0, burner.report().toString());
        }
    }

    @Test
    void refusesNoThreadsOrNoTime() {
        assertThrows(IllegalArgumentException.class, () -> CpuBurner.start(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> CpuBurner.start(1, Duration.ZERO));
    }
}
