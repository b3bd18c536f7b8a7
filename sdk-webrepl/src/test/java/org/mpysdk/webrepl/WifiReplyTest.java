package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.repl.ReplProtocolException;

class WifiReplyTest {

    @Test
    void parsesEachReply() throws ReplProtocolException {
        assertEquals(new WifiReply.NoNetwork(), WifiReply.parse("NONETWORK\r\n"));
        assertEquals(new WifiReply.Started(), WifiReply.parse("STARTED\n"));
        assertEquals(new WifiReply.Up(WifiConnection.of("10.0.0.7", "255.255.255.0", "10.0.0.1", "8.8.8.8")),
                WifiReply.parse("UP 10.0.0.7 255.255.255.0 10.0.0.1 8.8.8.8\n"));
        assertEquals(new WifiReply.Failed(WifiException.Reason.WRONG_PASSWORD, 202), WifiReply.parse("FAIL STAT_WRONG_PASSWORD 202"));
        assertEquals(new WifiReply.Failed(WifiException.Reason.NO_AP_FOUND, 3), WifiReply.parse("FAIL STAT_NO_AP_FOUND 3"));
        assertEquals(new WifiReply.Waiting(1001), WifiReply.parse("WAIT 1001"));
        assertEquals(new WifiReply.Status(new WifiStatus(false, -1, Optional.empty())),
                WifiReply.parse("STATUS 0 -1 0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0"));
        WifiReply up = WifiReply.parse("STATUS 1 5 1 192.168.1.42 255.255.255.0 192.168.1.1 192.168.1.1");
        assertTrue(((WifiReply.Status) up).status().connected());
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "UP 1.2.3.4", "UP 1.2.3.256 1.1.1.1 1.1.1.1 1.1.1.1", "UP a.b.c.d 1.1.1.1 1.1.1.1 1.1.1.1",
                "FAIL STAT_OTHER 1", "WAIT x", "WAIT 99999999999", "STATUS 2 1 1 1.1.1.1 1.1.1.1 1.1.1.1 1.1.1.1",
                "Traceback (most recent call last):"}) {
            assertThrows(ReplProtocolException.class, () -> WifiReply.parse(bad), bad);
        }
        assertFalse(WifiReply.isIpv4("1.2.3"));
        assertFalse(WifiReply.isIpv4("1..2.3"));
    }

    @Test
    void scriptsQuoteTheCredentials() {
        String code = WifiScripts.start(WifiCredentials.of("a'b\\c\nd", "pass'word\""));
        assertTrue(code.contains("w.connect('a\\'b\\\\c\\nd', 'pass\\'word\"')"), code);
        assertTrue(WifiScripts.start(WifiCredentials.open("cafe")).contains("w.connect('cafe')"));
    }
}
