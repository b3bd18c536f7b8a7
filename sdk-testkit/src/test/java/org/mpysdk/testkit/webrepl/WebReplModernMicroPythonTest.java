package org.mpysdk.testkit.webrepl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Transports;
import org.mpysdk.core.repl.Repl;
import org.mpysdk.testkit.micropython.MicroPythonTransport;
import org.mpysdk.testkit.micropython.VirtualMicroPython;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplTransportProvider;

/**
 * WebREPL in front of MicroPython 1.27 (the in-JVM virtual board): a 100 KB script runs through the
 * SDK's WebREPL client, Repl and WebReplServer, in paced text frames of at most 255 bytes.
 */
@VirtualMicroPython
@Timeout(180)
class WebReplModernMicroPythonTest {
    private static final String PASSWORD = "pw1234";

    @Test
    void aHundredKilobyteScriptRunsOverWebRepl(MicroPythonTransport micropython) throws IOException {
        StringBuilder script = new StringBuilder("total = 0\n");
        int lines = 0;
        while (script.length() < 100_000) {
            script.append("total += ").append(lines).append("  # WebREPL input is cut and paced: micropython#16997\n");
            lines++;
        }
        script.append("print(total, len(globals()))\n");
        long expected = (long) lines * (lines - 1) / 2;
        try (WebReplServer server = WebReplServer.builder().password(PASSWORD).terminal(micropython).start();
             Board board = Board.open(Transports.open(server.uri(), List.of(new WebReplTransportProvider()),
                     WebRepl.password(PASSWORD)))) {
            Repl repl = board.repl();
            String out = repl.exec(script.toString(), Duration.ofSeconds(120)).text();
            assertEquals(String.valueOf(expected), out.split(" ")[0]);
            assertTrue(server.textBytesReceived() >= 100_000, "received " + server.textBytesReceived());
            assertTrue(server.largestTextFrame() <= 255, "largest frame " + server.largestTextFrame());
            assertEquals("7", repl.eval("3 + 4"));
        }
    }
}
