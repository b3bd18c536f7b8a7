package org.mpysdk.testkit.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportException;
import org.mpysdk.serial.SerialPortTransport;
import org.mpysdk.serial.esp.protocol.Opcode;
import org.mpysdk.testkit.Peers;

/** The three ways to reach a virtual chip, plus the virtual: port string. */
@Timeout(30)
class VirtualEspLinkTest {
    private static final byte[] MAGIC = EspTestHost.words(ChipProfile.CHIP_DETECT_MAGIC_REG);

    @Test
    void overTcpLikeSocketUrl() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32s3"); VirtualEspServer server = esp.serveTcp();
                Board board = Board.open(server.uri())) {
            assertEquals("socket://127.0.0.1:" + server.port(), server.uri());
            EspTestHost host = new EspTestHost(board.transport());
            assertEquals(8, host.sync().size());
            assertEquals(0x9, host.command(Opcode.READ_REG, MAGIC).value());
        }
    }

    @Test
    void aNewTcpConnectionReplacesTheOldOneAndTheChipKeepsItsState() throws Exception {
        try (VirtualEsp esp = VirtualEsp.create("esp32"); VirtualEspServer server = esp.serveTcp()) {
            try (Board first = Board.open(server.uri())) {
                new EspTestHost(first.transport()).sync();
            }
            try (Board second = Board.open(server.uri())) {
                EspTestHost host = new EspTestHost(second.transport());
                assertEquals(0x00F01D83, host.command(Opcode.READ_REG, MAGIC).value(), "still synced: no SYNC needed");
            }
        }
    }

    @Test
    void boardOpenVirtualGivesAFreshChipPerPort() throws Exception {
        try (Board board = Board.open("virtual:esp8266")) {
            VirtualEspTransport transport = assertInstanceOf(VirtualEspTransport.class, board.transport());
            assertEquals("ESP8266", transport.chip().profile().name());
            EspTestHost host = new EspTestHost(board.transport()).romStatusLength(2);
            assertEquals(8, host.sync().size());
            assertEquals(0xFFF0C101, host.command(Opcode.READ_REG, MAGIC).value());
        }
        assertThrows(TransportException.class, () -> Board.open("virtual:esp99"));
    }

    @Test
    @Tag(Peers.TAG)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void overASocatPtyLikeAUsbSerialPort() throws Exception {
        Peers.require(Peers.onPath("socat"), "socat (apt-get install socat)");
        try (VirtualEsp esp = VirtualEsp.create("esp32c3"); VirtualEspPty pty = esp.servePty();
                Transport port = SerialPortTransport.open(pty.hostPath(), 115200)) {
            port.discardInput();
            EspTestHost host = new EspTestHost(port);
            assertEquals(8, host.sync().size());
            assertEquals(0x1B31506F, host.command(Opcode.READ_REG, MAGIC).value());
        }
    }
}
