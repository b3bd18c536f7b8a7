package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;

/** Two processes sharing one cache directory: the OS file lock keeps them from corrupting an entry. */
@Timeout(120)
class CrossProcessDownloadTest {
    static final String LATEST = "ESP32_GENERIC-20251209-v1.27.0.bin";

    @TempDir
    Path cache;
    MockWebServer server;
    FakeSite site;

    @BeforeEach
    void start() throws Exception {
        site = new FakeSite();
        server = new MockWebServer();
        server.setDispatcher(site);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Process child(long timeoutMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DownloadProcessMain.class.getName(),
                server.url("/").toString(), cache.toString(), "ESP32_GENERIC", Long.toString(timeoutMillis))
                .redirectErrorStream(true).start();
    }

    private static String output(Process p) throws Exception {
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child process did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("OK ") || l.startsWith("ERR ")).findFirst().orElse(out);
    }

    @Test
    void aChildProcessWaitsForTheLockAnotherProcessHolds() throws Exception {
        Path lockFile = cache.resolve("locks").resolve("firmware_" + LATEST + ".lock");
        try (CacheLock.Held held = new CacheLock().acquire(lockFile, Deadline.after(Duration.ofSeconds(5)), new Cancellation(), LATEST)) {
            Process p = child(1500);
            String line = output(p);
            assertEquals(2, p.exitValue(), line);
            assertTrue(line.startsWith("ERR OperationTimeoutException") && line.contains("another process"), line);
        }
        assertTrue(Files.notExists(cache.resolve("firmware").resolve(LATEST)), "nothing written while the lock was held");
        Process p = child(30_000);
        String line = output(p);
        assertEquals(0, p.exitValue(), line);
        assertTrue(line.startsWith("OK "), line);
    }

    @Test
    void twoProcessesDownloadingAtOnceBothGetTheRightFile() throws Exception {
        site.throttleBytesPerPeriod = 1024; // ~60 ms per download: overlaps the child's
        Process p = child(60_000);
        Firmware mine = FirmwareCatalog.builder().baseUrl(server.url("/").toString()).cacheDirectory(cache).build()
                .board("ESP32_GENERIC").latestRelease().download();
        String line = output(p);
        assertEquals(0, p.exitValue(), line);
        byte[] served = site.bytes(LATEST);
        assertArrayEquals(served, mine.bytes());
        assertEquals("OK " + mine.sha256(), line.substring(0, 3 + 64));
        assertArrayEquals(served, Files.readAllBytes(cache.resolve("firmware").resolve(LATEST)));
        List<String> lock = Files.readAllLines(cache.resolve("firmware-lock.json"));
        assertEquals(1, lock.stream().filter(l -> l.contains("\"" + LATEST + "\" :")).count(), String.join("\n", lock));
        assertTrue(lock.stream().anyMatch(l -> l.contains(mine.sha256())));
    }
}
