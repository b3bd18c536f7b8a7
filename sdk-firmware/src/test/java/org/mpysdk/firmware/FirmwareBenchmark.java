package org.mpysdk.firmware;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * On-demand benchmark (not a test): warm-cache catalog queries, page revalidation cost, and download
 * throughput against MockWebServer compared with the raw loopback socket rate. Run with
 * {@code mvn -pl sdk-firmware test-compile exec:java -Dexec.mainClass=org.mpysdk.firmware.FirmwareBenchmark
 * -Dexec.classpathScope=test}; results go to docs/performance.md by hand.
 */
public final class FirmwareBenchmark {
    private FirmwareBenchmark() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fw-bench");
        FakeSite site = new FakeSite();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(site);
            server.start();
            FirmwareCatalog catalog = FirmwareCatalog.builder().baseUrl(server.url("/").toString()).cacheDirectory(dir).build();
            catalog.board("ESP32_GENERIC").releases();
            int n = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                catalog.board("ESP32_GENERIC").variant("SPIRAM").latestRelease();
            }
            double warmMs = (System.nanoTime() - t0) / 1e6 / n;
            FirmwareCatalog fresh = FirmwareCatalog.builder().baseUrl(server.url("/").toString()).cacheDirectory(dir).build();
            t0 = System.nanoTime();
            fresh.board("ESP32_GENERIC").latestRelease();
            double newProcessMs = (System.nanoTime() - t0) / 1e6;
            FirmwareCatalog revalidating = FirmwareCatalog.builder().baseUrl(server.url("/").toString()).cacheDirectory(dir)
                    .pageMaxAge(java.time.Duration.ZERO).build();
            int before = site.requests.size();
            Origin origin = revalidating.board("ESP32_GENERIC").details().origin();
            int revalidationRequests = site.requests.size() - before;
            System.out.printf("warm-cache query (same catalog): %.3f ms%n", warmMs);
            System.out.printf("first query of a new catalog over a warm disk cache: %.1f ms%n", newProcessMs);
            System.out.printf("revalidation of an unchanged page: %d request(s), origin %s%n", revalidationRequests, origin);
        }
        throughput(dir);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void throughput(Path dir) throws Exception {
        int size = 32 << 20;
        byte[] payload = new byte[size];
        new java.util.Random(1).nextBytes(payload);
        String name = "ESP32_GENERIC-20251209-v1.27.0.elf"; // not an ESP image: measures transfer + cache only
        Buffer body = new Buffer().write(payload);
        double best = 0;
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getTarget().endsWith(name)) {
                        return new MockResponse.Builder().body(body.clone()).build();
                    }
                    return new MockResponse.Builder().body(FakeSite.resource("site/board-ESP32_GENERIC.html")).build();
                }
            });
            server.start();
            for (int i = 0; i < 3; i++) {
                Path cacheDir = dir.resolve("tp" + i);
                FirmwareCatalog c = FirmwareCatalog.builder().baseUrl(server.url("/").toString()).cacheDirectory(cacheDir).build();
                CatalogBoard elf = c.board("ESP32_GENERIC").fileType(FileType.ELF);
                elf.releases();
                long t0 = System.nanoTime();
                elf.latestRelease().download();
                best = Math.max(best, size / ((System.nanoTime() - t0) / 1e9) / 1e6);
            }
            System.out.printf("download through the catalog (32 MiB, cache write, SHA-256): %.0f MB/s%n", best);
            okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
            double plain = 0;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                try (okhttp3.Response r = client.newCall(new okhttp3.Request.Builder().url(server.url("/x/" + name)).build()).execute();
                     InputStream in = r.body().byteStream()) {
                    byte[] buf = new byte[64 * 1024];
                    while (in.read(buf) >= 0) {
                        // drain
                    }
                }
                plain = Math.max(plain, size / ((System.nanoTime() - t0) / 1e9) / 1e6);
            }
            System.out.printf("plain OkHttp GET from the same MockWebServer, body drained: %.0f MB/s (catalog/plain %.2f)%n",
                    plain, best / plain);
        }
        double raw = rawSocket(payload);
        System.out.printf("raw loopback socket: %.0f MB/s%n", raw);
        System.out.printf("ratio: %.2f%n", best / raw);
    }

    private static double rawSocket(byte[] payload) throws Exception {
        double best = 0;
        try (ServerSocket ss = new ServerSocket(0)) {
            for (int i = 0; i < 3; i++) {
                Thread writer = new Thread(() -> {
                    try (Socket s = ss.accept(); OutputStream out = s.getOutputStream()) {
                        out.write(payload);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                long t0 = System.nanoTime();
                try (Socket s = new Socket("127.0.0.1", ss.getLocalPort()); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[64 * 1024];
                    while (in.read(buf) >= 0) {
                        // drain
                    }
                }
                best = Math.max(best, payload.length / ((System.nanoTime() - t0) / 1e9) / 1e6);
                writer.join();
            }
        }
        return best;
    }
}
