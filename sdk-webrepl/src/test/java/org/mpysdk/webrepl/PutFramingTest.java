package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PutFramingTest {
    @Test
    void noFrameButTheLastHasALengthOfOneMoreThanAMultipleOf512() {
        for (int preferred : new int[] {513, 1024, 1025, 1537, 4097}) {
            for (long size = 1; size <= 5000; size++) {
                long left = size;
                while (left > 0) {
                    int n = PutFraming.nextFrame(left, preferred);
                    assertTrue(n >= 1 && n <= preferred, "frame " + n);
                    left -= n;
                    if (left > 0) {
                        assertNotEquals(1, n % 512, "size " + size + ", preferred " + preferred + ": a frame of " + n);
                    }
                }
            }
        }
    }

    @Test
    void theDefaultFrameIsKept() {
        assertEquals(1024, PutFraming.nextFrame(1_000_000, 1024));
        assertEquals(513, PutFraming.nextFrame(513, 1024), "the last frame may be 513: nothing more is expected");
        assertEquals(512, PutFraming.nextFrame(600, 513));
    }
}
