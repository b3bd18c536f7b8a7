package org.mpysdk.testkit.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.Transport;
import org.mpysdk.testkit.Peers;

/** The RFC 2217 client against Debian's ser2net serving one end of a socat pty pair. */
@Tag(Peers.TAG)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rfc2217PeerTest {
    private SocatPtyPair pair;
    private Ser2NetServer server;

    @BeforeEach
    void start() throws Exception {
        Peers.require(Peers.onPath("socat"), "socat (apt-get install socat)");
        Peers.require(Peers.onPath("ser2net") || java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/ser2net")),
                "ser2net (apt-get install ser2net)");
        pair = SocatPtyPair.start();
        server = Ser2NetServer.serveRfc2217(pair.first());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void bytesFlowBothWaysIncludingTelnetSpecialBytes() throws Exception {
        try (Transport remote = Board.open(server.url()).transport(); Transport local = Board.open(pair.second()).transport()) {
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i; // includes 0xFF (IAC) and CR NUL, which Telnet must escape
            }
            remote.write(all);
            assertArrayEquals(all, local.readExactly(all.length, Duration.ofSeconds(5)));
            local.write(all);
            assertArrayEquals(all, remote.readExactly(all.length, Duration.ofSeconds(5)));
        }
    }

    @Test
    void baudChangeIsAcknowledgedByTheServer() throws Exception {
        try (Transport remote = Board.open(server.url()).transport()) {
            assertEquals(115200, remote.baudRate());
            remote.setBaudRate(460800);
            assertEquals(460800, remote.baudRate());
            remote.setBaudRate(921600);
            assertEquals(921600, remote.baudRate());
        }
    }

    @Test
    void controlLinesAndPurgeAreAcceptedAndTheLinkStaysUsable() throws Exception {
        try (Transport remote = Board.open(server.url()).transport(); Transport local = Board.open(pair.second()).transport()) {
            remote.setControlLines(false, true);
            remote.setDtr(true);
            remote.setRts(false);
            remote.discardInput();
            byte[] hello = "after control\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            local.write(hello);
            assertArrayEquals(hello, remote.readUntil(new byte[] {'\n'}, Duration.ofSeconds(5)));
        }
    }
}
