package org.mpysdk.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardCodeException;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/**
 * Sample: a JUnit test of a device script, run on the real MicroPython 1.27 interpreter inside the JVM,
 * so it runs in CI without hardware. Each test gets a fresh board; the script is copied to the board's
 * file system and imported there, exactly as it would be on a device.
 */
@Tag(Peers.TAG)
@VirtualMicroPython
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeviceScriptTest {

    @BeforeEach
    void install(Board board) throws IOException {
        try (InputStream script = DeviceScriptTest.class.getResourceAsStream("/device/thermostat.py")) {
            board.repl().files().put(script.readAllBytes(), "/thermostat.py");
        }
        board.repl().exec("from thermostat import Thermostat, save, load");
    }

    @Test
    void heatsBelowTheBandAndStopsAboveIt(Board board) throws IOException {
        board.repl().exec("t = Thermostat(21.0)");
        assertEquals("True", board.repl().eval("t.update(20.0)"));
        assertEquals("True", board.repl().eval("t.update(21.2)"), "inside the band: keeps heating");
        assertEquals("False", board.repl().eval("t.update(21.6)"));
        assertEquals("False", board.repl().eval("t.update(20.8)"), "inside the band: stays off");
    }

    @Test
    void settingsSurviveOnTheBoardsFileSystem(Board board) throws IOException {
        board.repl().exec("save(Thermostat(19.5, 1.0))");
        assertEquals("19.5,1.0", new String(board.repl().files().cat("/thermostat.cfg")));
        assertEquals("(19.5, 1.0)", board.repl().eval("(load().target, load().band)"));
    }

    @Test
    void aBrokenConfigFileIsAPythonErrorTheTestCanSee(Board board) throws IOException {
        board.repl().files().put("garbage".getBytes(), "/thermostat.cfg");
        BoardCodeException e = assertThrows(BoardCodeException.class, () -> board.repl().exec("load()", Duration.ofSeconds(5)));
        assertEquals("ValueError", e.type());
    }
}
