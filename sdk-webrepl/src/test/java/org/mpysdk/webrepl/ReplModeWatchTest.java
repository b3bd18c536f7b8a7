package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplModeWatchTest {
    @Test
    void theRawBannerMeansRawAndCtrlBLeavesIt() {
        ReplModeWatch w = new ReplModeWatch();
        assertFalse(w.raw());
        byte[] banner = "\r\nraw REPL; CTRL-B to exit\r\n>".getBytes(StandardCharsets.US_ASCII);
        // Split at every point: the banner may come in any pieces.
        for (int cut = 0; cut <= banner.length; cut++) {
            ReplModeWatch split = new ReplModeWatch();
            split.output(banner, 0, cut);
            split.output(banner, cut, banner.length - cut);
            assertTrue(split.raw(), "cut at " + cut);
        }
        w.output(banner, 0, banner.length);
        assertTrue(w.raw());
        w.input(new byte[] {'\r', 0x02}, 0, 2);
        assertFalse(w.raw());
    }

    @Test
    void ordinaryOutputChangesNothing() {
        ReplModeWatch w = new ReplModeWatch();
        byte[] out = ">>> print('raw REPL')\r\nraw REPL\r\n>>> ".getBytes(StandardCharsets.US_ASCII);
        w.output(out, 0, out.length);
        assertFalse(w.raw());
    }
}
