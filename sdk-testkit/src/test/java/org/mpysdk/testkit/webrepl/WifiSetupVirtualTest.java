package org.mpysdk.testkit.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.internal.PyLiterals;
import org.mpysdk.core.repl.UnsupportedRemoteOperationException;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.micropython.NetworkStub;
import org.mpysdk.testkit.micropython.VirtualMicroPython;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WifiAccessPoint;
import org.mpysdk.webrepl.WifiConnection;
import org.mpysdk.webrepl.WifiCredentials;
import org.mpysdk.webrepl.WifiException;
import org.mpysdk.webrepl.WifiOptions;
import org.mpysdk.webrepl.WifiSetup;
import org.mpysdk.webrepl.WifiStatus;

/**
 * {@link WifiSetup} on MicroPython 1.27 in the JVM: as it is (no {@code network} module, no radio), and
 * with {@link NetworkStub}'s scripted {@code network.py} for the paths a real radio takes.
 */
@Tag(Peers.TAG)
@VirtualMicroPython
@Timeout(60)
class WifiSetupVirtualTest {
    // Quotes, a backslash and non-ASCII: whatever reaches the board must be exactly this.
    private static final WifiCredentials HOME = WifiCredentials.of("Caf\u00e9 'home' \\ 2G", "pa'ss\"wo\\rd");
    private static final WifiOptions FAST = WifiOptions.DEFAULTS.withTimeout(Duration.ofSeconds(10)).withPollInterval(Duration.ofMillis(100));

    @Test
    void firmwareWithoutNetworkFailsSayingSo(Board board) {
        WifiSetup wifi = WebRepl.wifi(board);
        UnsupportedRemoteOperationException e = assertThrows(UnsupportedRemoteOperationException.class, () -> wifi.connect(HOME, FAST));
        assertTrue(e.getMessage().contains("has no Wi-Fi (no network.WLAN module"), e.getMessage());
        assertTrue(e.getMessage().contains("ESP32"), "says what to use instead: " + e.getMessage());
        assertThrows(UnsupportedRemoteOperationException.class, wifi::status);
        assertThrows(UnsupportedRemoteOperationException.class, wifi::accessPointSsid);
    }

    @Test
    void connectsAfterAFewPollsWithTheCredentialsIntact(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.CONNECTS, 5);
        List<Progress> events = new CopyOnWriteArrayList<>();
        board.onProgress(events::add);
        WifiSetup wifi = WebRepl.wifi(board);
        assertFalse(wifi.status().active());

        WifiConnection c = wifi.connect(HOME, FAST);

        assertEquals(new WifiConnection("192.168.1.42", "255.255.255.0", "192.168.1.1", "192.168.1.1",
                URI.create("ws://192.168.1.42:8266")), c);
        // Compared on the board, in Python: the bytes that arrived are the ones meant.
        assertEquals("True", board.repl().eval("__import__('network')._s['ssid'] == " + PyLiterals.stringLiteral(HOME.ssid())
                + " and __import__('network')._s['ssid'].encode() == " + PyLiterals.bytesLiteral(HOME.ssid().getBytes(StandardCharsets.UTF_8), 0,
                HOME.ssid().getBytes(StandardCharsets.UTF_8).length)));
        assertEquals("True", board.repl().eval("__import__('network')._s['key'] == " + PyLiterals.stringLiteral(HOME.password())));
        assertEquals("17", board.repl().eval("len(__import__('network')._s['ssid'].encode())"));
        // status() looked (active()), connect activated and connected; nothing was connected, so no disconnect.
        assertEquals("['active()', 'active(True)', 'connect']", board.repl().eval("__import__('network').calls"));
        WifiStatus s = wifi.status();
        assertTrue(s.active() && s.connected(), s.toString());
        assertEquals(5, s.statusCode(), "STAT_GOT_IP");
        assertEquals(c, s.connection().orElseThrow());
        assertEquals("wifi", events.get(0).operation());
        assertTrue(events.get(events.size() - 1).phase().startsWith("connected 192.168.1.42"), events.toString());
        assertTrue(events.stream().noneMatch(p -> p.phase().contains(HOME.password())), "no password in progress");
        assertEquals("[]", board.repl().eval("[n for n in globals() if n.startswith('_mpysdk')]"), "no names left behind");

        // Again, while connected: the old connection is dropped first, so the new credentials count.
        board.repl().exec("import network\nnetwork.calls.clear()");
        assertEquals(c, wifi.connect(WifiCredentials.of("other", "12345678"), FAST));
        assertEquals("['active(True)', 'disconnect', 'connect']", board.repl().eval("__import__('network').calls"));
    }

    @Test
    void anOpenNetworkIsJoinedWithoutAKey(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.CONNECTS, 0);
        WebRepl.wifi(board).connect(WifiCredentials.open("cafe"), FAST);
        assertEquals("None", board.repl().eval("__import__('network')._s['key']"));
    }

    @Test
    void webReplIsEnabledAndStartedOnceConnected(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.CONNECTS, 1);
        WifiConnection c = WebRepl.wifi(board).connect(HOME, FAST.withWebRepl("s3cret"));
        assertEquals(URI.create("ws://192.168.1.42:8266"), c.webReplUri());
        assertTrue(WebRepl.setup(board).status().enabled());
        assertEquals("1", board.repl().eval("__import__('webrepl').started"));
    }

    @Test
    void wrongPasswordNoNetworkAndFailedAssociationAreTyped(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.WRONG_PASSWORD, 0);
        WifiException wrong = assertThrows(WifiException.class, () -> WebRepl.wifi(board).connect(HOME, FAST));
        assertEquals(WifiException.Reason.WRONG_PASSWORD, wrong.reason());
        assertEquals(2, wrong.statusCode());
        assertTrue(wrong.getMessage().contains("refused the password"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(HOME.password()), "never the password itself");
        assertEquals("'disconnect'", board.repl().eval("__import__('network').calls[-1]"), "stopped retrying");

        board.repl().exec("import network\nnetwork.MODE = 'no_ap'");
        WifiException noAp = assertThrows(WifiException.class, () -> WebRepl.wifi(board).connect(HOME, FAST));
        assertEquals(WifiException.Reason.NO_AP_FOUND, noAp.reason());
        assertTrue(noAp.getMessage().contains("no Wi-Fi network '" + HOME.ssid() + "' in range"), noAp.getMessage());

        board.repl().exec("import network\nnetwork.MODE = 'connect_fail'");
        assertEquals(WifiException.Reason.CONNECT_FAILED,
                assertThrows(WifiException.class, () -> WebRepl.wifi(board).connect(HOME, FAST)).reason());
    }

    @Test
    void noAddressWithinTheDeadlineIsATimeoutThatSaysHowLong(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.NEVER, 0);
        List<Progress> events = new CopyOnWriteArrayList<>();
        board.onProgress(events::add);
        long t0 = System.nanoTime();
        WifiException e = assertThrows(WifiException.class, () -> WebRepl.wifi(board).connect(HOME,
                FAST.withTimeout(Duration.ofMillis(400))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(WifiException.Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("did not get an address") && e.getMessage().contains("within 0.4 s"), e.getMessage());
        assertEquals(1, e.statusCode(), "STAT_CONNECTING");
        assertTrue(ms >= 400 && ms < 20_000, ms + " ms");
        assertTrue(events.stream().anyMatch(p -> p.phase().equals("waiting (status 1)")), events.toString());
        assertEquals("'disconnect'", board.repl().eval("__import__('network').calls[-1]"), "stopped trying");
    }

    @Test
    void cancellingStopsTheWait(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.NEVER, 0);
        board.onProgress(p -> {
            if (p.phase().startsWith("waiting")) {
                board.cancel();
            }
        });
        assertThrows(OperationCancelledException.class, () -> WebRepl.wifi(board).connect(HOME,
                FAST.withTimeout(Duration.ofSeconds(30))));
    }

    @Test
    void accessPointSsidIsReadFromTheBoard(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.CONNECTS, 0);
        String ssid = WebRepl.wifi(board).accessPointSsid();
        assertEquals("MicroPython-a1b2c3", ssid);
        assertEquals(ssid, WifiAccessPoint.defaultSsid(new byte[] {0x24, 0x0a, (byte) 0xc4, (byte) 0xa1, (byte) 0xb2, (byte) 0xc3}));
        board.repl().exec("import network\nnetwork.AP_SSID = " + PyLiterals.stringLiteral("Caf\u00e9 \u2615"));
        assertEquals("Caf\u00e9 \u2615", WebRepl.wifi(board).accessPointSsid(), "non-ASCII survives the trip");
    }
}
