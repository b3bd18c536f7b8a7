package org.mpysdk.testkit.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.Board;
import org.mpysdk.core.PortBusyException;
import org.mpysdk.core.PortNotFoundException;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.testkit.Peers;

/** The jSerialComm transport against socat pty pairs: real ptys, real kernel line discipline. */
@Tag(Peers.TAG)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerialPeerTest {
    private SocatPtyPair pair;

    @BeforeEach
    void startSocat() throws Exception {
        Peers.require(Peers.onPath("socat"), "socat (apt-get install socat)");
        pair = SocatPtyPair.start();
    }

    @AfterEach
    void stopSocat() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void echoRoundTripsThroughBoardOpen() throws Exception {
        try (Board a = Board.open(pair.first()); Board b = Board.open(pair.second())) {
            for (int i = 0; i < 50; i++) {
                byte[] ping = ("ping " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                a.transport().write(ping);
                byte[] got = b.transport().readUntil(new byte[] {'\n'}, Duration.ofSeconds(2));
                assertArrayEquals(ping, got);
                b.transport().write(got);
                assertArrayEquals(ping, a.transport().readExactly(ping.length, Duration.ofSeconds(2)));
            }
        }
    }

    @Test
    void oneMegabyteArrivesExactly() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        try (Transport a = Board.open(pair.first()).transport(); Transport b = Board.open(pair.second()).transport()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    a.write(data);
                    a.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] got = b.readExactly(data.length, Duration.ofSeconds(30));
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, got);
        }
    }

    @Test
    void readTimeoutIsHonoured() throws Exception {
        try (Transport a = Board.open(pair.first()).transport()) {
            long start = System.nanoTime();
            int n = a.read(new byte[16], 0, 16, Duration.ofMillis(300));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, n);
            assertTrue(ms >= 290 && ms < 3000, "read returned after " + ms + " ms");
        }
    }

    @Test
    void closeWakesABlockedReader() throws Exception {
        Transport a = Board.open(pair.first()).transport();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return a.read(new byte[16], 0, 16, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThrowsLater(reader, () -> a.close());
    }

    @Test
    void peerVanishingSurfacesAsIoExceptionNotAHang() throws Exception {
        Transport a = Board.open(pair.first()).transport();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    a.read(new byte[16], 0, 16, Duration.ofSeconds(1));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            assertThrowsLater(reader, () -> pair.close());
        } finally {
            a.close();
        }
    }

    private static void assertThrowsLater(CompletableFuture<Integer> reader, Runnable trigger) {
        trigger.run();
        ExecutionException e = assertThrows(ExecutionException.class, () -> reader.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getCause() instanceof TransportClosedException,
                "expected TransportClosedException, got " + e.getCause());
    }

    @Test
    void missingPortListsThePortsThatExist() {
        PortNotFoundException e = assertThrows(PortNotFoundException.class, () -> Board.open("/dev/ttyNOPE99"));
        assertTrue(e.getMessage().contains("/dev/ttyNOPE99") && e.getMessage().contains("ports on this machine"),
                e.getMessage());
    }

    @Test
    void secondOpenOfTheSamePortSaysBusy() throws Exception {
        try (Board a = Board.open(pair.first())) {
            PortBusyException e = assertThrows(PortBusyException.class, () -> Board.open(pair.first()));
            assertTrue(e.getMessage().contains(pair.first()), e.getMessage());
        }
    }
}
