package org.mpysdk.core.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The connect options' defaults, their copies and what they refuse. */
class ConnectOptionsTest {

    @Test
    void defaultsAreEsptoolsAndEveryCopyKeepsTheTimeoutScale() {
        ConnectOptions d = ConnectOptions.defaults();
        assertEquals(1, d.timeoutScale());
        assertEquals(7, d.attempts());
        ConnectOptions slow = d.withTimeoutScale(2.5);
        assertEquals(2.5, slow.withReset(ResetMode.NO_RESET).withAttempts(3).withStub(false)
                .withStubDirectory(Path.of("stubs")).withBaud(460800).timeoutScale());
        assertEquals(1, new ConnectOptions(ResetMode.AUTO, 1, true, null, 0).timeoutScale(), "the five-value constructor");
    }

    @Test
    void aScaleOutOfRangeIsRefusedSayingWhatIsAllowed() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, ConnectOptions.MAX_TIMEOUT_SCALE + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConnectOptions.defaults().withTimeoutScale(bad), String.valueOf(bad));
            assertTrue(e.getMessage().contains("esptool's timeouts"), e.getMessage());
        }
        assertEquals(ConnectOptions.MAX_TIMEOUT_SCALE, ConnectOptions.defaults().withTimeoutScale(ConnectOptions.MAX_TIMEOUT_SCALE).timeoutScale());
    }
}
