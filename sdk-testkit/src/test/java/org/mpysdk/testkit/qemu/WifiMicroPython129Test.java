package org.mpysdk.testkit.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.repl.UnsupportedRemoteOperationException;
import org.mpysdk.testkit.internal.built.BuiltPeers;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WifiCredentials;
import org.mpysdk.webrepl.WifiOptions;
import org.mpysdk.webrepl.WifiSetup;

/**
 * Wi-Fi on MicroPython 1.29's qemu port (a built peer: skipped where it is not built): real firmware
 * without a radio, where every Wi-Fi call must fail saying so, and leave the REPL usable.
 */
@Tag(BuiltPeers.TAG)
@Timeout(120)
class WifiMicroPython129Test {

    @Test
    void firmwareWithoutRadioFailsClearlyAndTheReplGoesOn() throws IOException {
        try (MicroPython129 peer = MicroPython129.start(); Board board = Board.open(peer.pty())) {
            WifiSetup wifi = WebRepl.wifi(board);
            UnsupportedRemoteOperationException e = assertThrows(UnsupportedRemoteOperationException.class,
                    () -> wifi.connect(WifiCredentials.of("home", "12345678"), WifiOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5))));
            assertTrue(e.getMessage().contains("has no Wi-Fi"), e.getMessage());
            assertThrows(UnsupportedRemoteOperationException.class, wifi::status);
            assertThrows(UnsupportedRemoteOperationException.class, wifi::accessPointSsid);
            assertEquals("2", board.repl().eval("1 + 1"));
            assertEquals("[]", board.repl().eval("[n for n in globals() if n.startswith('_mpysdk')]"));
        }
    }
}
