package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpysdk.core.PortAddress;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.UnsupportedPortException;

class WebReplTransportUnitTest {

    @Test
    void cutsNeverSplitAUtf8Character() {
        byte[] s = "ab€".getBytes(StandardCharsets.UTF_8); // a b E2 82 AC
        assertEquals(2, WebReplTransport.utf8Cut(s, 0, 3, s.length));
        assertEquals(2, WebReplTransport.utf8Cut(s, 0, 4, s.length));
        assertEquals(5, WebReplTransport.utf8Cut(s, 0, 5, s.length));
        assertEquals(3, WebReplTransport.utf8Cut(s, 2, 3, s.length));
    }

    /** Cutting valid UTF-8 into frames gives frames that are each valid UTF-8 and at most the limit. */
    @FuzzTest(maxDuration = "10s")
    void everyCutIsValidUtf8(FuzzedDataProvider data) throws Exception {
        int max = data.consumeInt(4, 255);
        byte[] s = data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length) {
            int n = WebReplTransport.utf8Cut(s, i, Math.min(max, s.length - i), s.length);
            assertTrue(n >= 1 && n <= max);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s, i, n));
            i += n;
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> WebRepl.password("1234567890"));
        assertThrows(IllegalArgumentException.class, () -> WebRepl.password("a\rb"));
        assertEquals("WebReplPassword[***]", WebRepl.password("secret").toString());
        assertThrows(IllegalArgumentException.class, () -> new WebReplPacing(256, 1000));
        assertThrows(IllegalArgumentException.class, () -> new WebReplPacing(3, 1000));
        assertThrows(IllegalArgumentException.class, () -> WebReplTimeouts.DEFAULTS.withLogin(Duration.ZERO));
    }

    @Test
    void badAddressesAndMissingServersAreTypedErrors() {
        WebReplTransportProvider p = new WebReplTransportProvider();
        assertThrows(UnsupportedPortException.class,
                () -> p.open(PortAddress.parse("ws://host:notaport"), List.of(WebRepl.password("abcd"))));
        // Port 1 on loopback: nothing listens there.
        assertThrows(PortNotFoundException.class,
                () -> p.open(PortAddress.parse("ws://127.0.0.1:1"), List.of(WebRepl.password("abcd"))));
        assertThrows(WebReplAuthException.class, () -> p.open(PortAddress.parse("ws://127.0.0.1:1"), List.of()));
    }
}
