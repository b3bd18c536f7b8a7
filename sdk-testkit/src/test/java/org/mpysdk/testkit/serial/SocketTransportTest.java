package org.mpysdk.testkit.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.UnsupportedPortException;

/** {@code socket://} against a plain TCP server, and the resolution errors a user sees. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketTransportTest {

    @Test
    void echoesThroughSocketScheme() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out);
                } catch (Exception ignored) {
                    // test ends
                }
            });
            try (Transport t = Board.open("socket://127.0.0.1:" + server.getLocalPort()).transport()) {
                byte[] msg = "hello over tcp\n".getBytes(StandardCharsets.US_ASCII);
                t.write(msg);
                assertArrayEquals(msg, t.readUntil(new byte[] {'\n'}, Duration.ofSeconds(2)));
            }
            echo.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverClosingMidReadIsAnIoException() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Transport t = Board.open("socket://127.0.0.1:" + server.getLocalPort()).transport();
            Socket accepted = server.accept();
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.read(new byte[8], 0, 8, Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            accepted.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> reader.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getCause() instanceof TransportClosedException, e.getCause().toString());
            t.close();
            t.close(); // idempotent
        }
    }

    @Test
    void nothingListeningIsPortNotFound() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        PortNotFoundException e = assertThrows(PortNotFoundException.class,
                () -> Board.open("socket://127.0.0.1:" + closedPort));
        assertTrue(e.getMessage().contains("nothing listens"), e.getMessage());
    }

    @Test
    void unknownSchemeNamesTheSchemesOnTheClasspath() {
        UnsupportedPortException e = assertThrows(UnsupportedPortException.class, () -> Board.open("bogus://x:1"));
        assertTrue(e.getMessage().contains("socket") && e.getMessage().contains("rfc2217"), e.getMessage());
    }
}
