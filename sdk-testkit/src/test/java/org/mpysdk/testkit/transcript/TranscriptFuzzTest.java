package org.mpysdk.testkit.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpysdk.testkit.internal.transcript.Transcript;

/** The transcript format: what it writes it reads back; garbage is a typed refusal naming the line. */
class TranscriptFuzzTest {
    @Test
    void formatThenParseGivesTheSameTranscript() {
        Transcript t = new Transcript(List.of("a header"), List.of(
                new Transcript.Command(0x08, 36, 0, new byte[36], null),
                new Transcript.Reply(1, new byte[] {(byte) 0xC0, 1, 8, (byte) 0xC0}),
                new Transcript.Command(0x11, 16400, 0x96, null, new byte[16]),
                new Transcript.Command(0x0D, 0, 0, new byte[0], null)));
        assertEquals(t, Transcript.parse(t.format()));
    }

    @Test
    void aMalformedLineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transcript.parse("# ok\n> 08 36 00000000 zz\n"));
        assertEquals(true, e.getMessage().contains("line 2"), e.getMessage());
    }

    /** Seeds: a real transcript's first lines, and malformed ones, in TranscriptFuzzTestInputs. */
    @FuzzTest(maxDuration = "20s")
    void garbageGivesATypedErrorOrARoundTrip(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Transcript t;
        try {
            t = Transcript.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(t, Transcript.parse(t.format()), "what parses round-trips");
    }
}
