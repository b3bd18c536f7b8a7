package org.mpysdk.webrepl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mpysdk.core.repl.ReplProtocolException;

/** Garbage from the board into the Wi-Fi reply parser: a reply with valid addresses or a typed exception, nothing else. */
class WifiReplyFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(FuzzedDataProvider data) {
        String out = data.consumeRemainingAsString();
        try {
            WifiReply r = WifiReply.parse(out);
            if (r instanceof WifiReply.Up up) {
                assertTrue(WifiReply.isIpv4(up.connection().ip()));
                assertTrue(up.connection().webReplUri().toString().endsWith(":8266"));
            }
        } catch (ReplProtocolException expected) {
            assertTrue(expected.getMessage().startsWith("unexpected reply"));
        }
    }
}
