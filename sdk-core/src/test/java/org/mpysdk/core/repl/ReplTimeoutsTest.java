package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;
import org.mpysdk.core.AbstractTransport;

/** Default timeouts grow with the bytes to move and the line rate (issue 12). */
class ReplTimeoutsTest {
    /** A silent line with a rate: only its rate matters here. */
    private static final class RatedLine extends AbstractTransport {
        private final int baud;

        RatedLine(int baud) {
            super("rated");
            this.baud = baud;
        }

        @Override
        public int baudRate() {
            return baud;
        }

        @Override
        protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) {
            return 0;
        }

        @Override
        protected void writeRaw(byte[] data, int off, int len) {
            // nothing listens
        }

        @Override
        protected void closeRaw() {
            // nothing to release
        }
    }

    private static Repl replAt(int baud) {
        return new Repl(new RatedLine(baud), ReplOptions.defaults(), () -> ProgressListener.NONE, Cancellation::new);
    }

    /** Before: 10 s plus 10 KB/s, so a 1 MB get at 115200 (base64: about 8.6 KB/s) ran out of time. */
    @Test
    void aMegabyteGetAt115200HasTheTimeItsBase64TakesOnTheLine() throws Exception {
        long bytes = 1_000_000;
        Duration onTheLine = Duration.ofMillis(bytes * 4 / 3 * 10_000 / 115200);
        Duration allowed = FsCode.transferTimeout(replAt(115200), bytes);
        assertTrue(allowed.compareTo(onTheLine.plusSeconds(10)) > 0, allowed + " for " + onTheLine + " on the line");
    }

    /** Before: a 100 KB exec had the same 10 s as a one-liner, and sending it alone takes 8.7 s at 115200. */
    @Test
    void aLongScriptGetsItsLineTimeOnTopOfTheExecTimeout() throws Exception {
        String script = "x = 1\n".repeat(100_000 / 6);
        Repl repl = replAt(115200);
        Duration onTheLine = Duration.ofMillis(script.length() * 10_000L / 115200);
        assertTrue(repl.defaultTimeout(script).compareTo(onTheLine.plus(ReplOptions.defaults().execTimeout())) > 0);
        assertTrue(repl.defaultTimeout("print(1)").compareTo(Duration.ofSeconds(11)) < 0, "a one-liner keeps about 10 s");
    }

    /** A link without a rate (a pty, TCP) is taken as 115200, not as infinitely fast. */
    @Test
    void aLinkWithoutARateCountsAsTheSlowestCommonRate() throws Exception {
        assertTrue(replAt(0).lineAllowance(115_200).compareTo(Duration.ofSeconds(10)) >= 0);
        assertTrue(replAt(921600).lineAllowance(115_200).compareTo(Duration.ofSeconds(3)) < 0);
    }
}
