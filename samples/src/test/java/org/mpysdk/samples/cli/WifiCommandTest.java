package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.internal.PyLiterals;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.micropython.NetworkStub;
import org.mpysdk.testkit.micropython.VirtualMicroPython;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WifiConnection;
import org.mpysdk.webrepl.WifiCredentials;
import picocli.CommandLine;

/**
 * {@code mpy wifi} on MicroPython 1.27 in the JVM. As it is, the virtual board has no radio: the command
 * line fails saying so. The success path needs {@link NetworkStub} on the board first, and every mpy run
 * opens a fresh board, so there the parsed command's steps run on the test's board (as in CliCopySkipTest).
 */
@Tag(Peers.TAG)
@VirtualMicroPython
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WifiCommandTest {

    @Test
    void boardWithoutRadioFailsWithExitCode1AndSaysWhy() {
        CliRun run = CliRun.of("-p", "virtual:micropython", "wifi", "connect", "--ssid", "home", "--timeout", "2");
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("has no Wi-Fi (no network.WLAN module"), run.stderr());
        CliRun status = CliRun.of("-p", "virtual:micropython", "wifi", "status");
        assertEquals(1, status.exitCode(), status.stderr());
    }

    @Test
    void badInputIsRefusedBeforeTheBoardIsOpened() {
        CliRun longSsid = CliRun.of("-p", "virtual:micropython", "wifi", "connect", "--ssid", "x".repeat(33));
        assertEquals(1, longSsid.exitCode());
        assertTrue(longSsid.stderr().contains("1 to 32 bytes"), longSsid.stderr());
        CliRun noVar = CliRun.of("-p", "virtual:micropython", "wifi", "connect", "--ssid", "home", "--password-env", "MPY_TEST_UNSET_VARIABLE_42");
        assertEquals(1, noVar.exitCode());
        assertTrue(noVar.stderr().contains("MPY_TEST_UNSET_VARIABLE_42 is not set"), noVar.stderr());
        assertEquals(2, CliRun.of("wifi", "connect", "--ssid", "h", "--password-env", "V", "--password-stdin").exitCode(),
                "one password source only");
    }

    @Test
    void connectWithPasswordFromStdinAndWebRepl(Board board) throws IOException {
        NetworkStub.install(board, NetworkStub.Mode.CONNECTS, 2);
        CommandLine cli = new CommandLine(new Mpy());
        CommandLine.ParseResult parsed = cli.parseArgs("wifi", "connect", "--ssid", "home", "--password-stdin",
                "--webrepl", "s3cret", "--timeout", "5");
        WifiCommand.Connect connect = (WifiCommand.Connect) parsed.subcommand().subcommand().commandSpec().userObject();

        WifiCredentials c = connect.credentials(v -> null, new ByteArrayInputStream("hunter2hunter2\n".getBytes(StandardCharsets.UTF_8)));
        WifiConnection up = WebRepl.wifi(board).connect(c, connect.options());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        connect.print(up, new PrintStream(out, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("connected to 'home': 192.168.1.42"), text);
        assertTrue(text.contains("WebREPL: ws://192.168.1.42:8266"), text);
        assertFalse(text.contains("hunter2"), text);
        assertEquals("True", board.repl().eval("__import__('network')._s['key'] == " + PyLiterals.stringLiteral("hunter2hunter2")));
        assertTrue(WebRepl.setup(board).status().enabled());
    }
}
