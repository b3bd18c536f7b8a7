package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpysdk.testkit.Peers;

/**
 * {@code mpy mip install} on MicroPython 1.27 in the JVM, from a one-package index served by the JDK's
 * HTTP server. Each {@code mpy} run opens a fresh virtual board, so one run installs and imports.
 */
@Tag(Peers.TAG)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliMipTest {
    private static final String SOURCE = "def hi():\n    return 'hi from mip'\n";
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private HttpServer http;

    @BeforeEach
    void serve() throws IOException {
        String hash = sha256(SOURCE.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        served.put("/pi/v2/index.json", ("{\"v\":2,\"packages\":[{\"name\":\"hello\",\"version\":\"1.0\","
                + "\"versions\":{\"py\":[\"1.0\"]}}]}").getBytes(StandardCharsets.UTF_8));
        byte[] description = ("{\"v\":1,\"hashes\":[[\"hello.py\",\"" + hash + "\"]],\"version\":\"1.0\"}")
                .getBytes(StandardCharsets.UTF_8);
        served.put("/pi/v2/package/py/hello/latest.json", description);
        served.put("/pi/v2/package/py/hello/1.0.json", description);
        served.put("/pi/v2/file/" + hash.substring(0, 2) + "/" + hash, SOURCE.getBytes(StandardCharsets.UTF_8));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private String index() {
        return "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort() + "/pi/v2";
    }

    @Test
    void installsAPackageAndReportsWhatItWrote() {
        CliRun run = CliRun.of("-p", "virtual:micropython", "--json", "mip", "install", "--index", index(), "--target", "/lib", "hello");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().matches("(?s).*\"written\"\\s*:\\s*\\[\\s*\"/lib/hello.py\"\\s*].*"), run.stdout());

        CliRun text = CliRun.of("-p", "virtual:micropython", "-q", "mip", "install", "--index", index(), "--no-mpy", "hello@1.0");
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().contains("hello 1.0 (sources)") && text.stdout().contains("1 files written"), text.stdout());
    }

    @Test
    void aMissingPackageIsAFailureWithAHint() {
        CliRun run = CliRun.of("-p", "virtual:micropython", "-q", "mip", "install", "--index", index(), "helo");
        assertEquals(Mpy.EXIT_FAILED, run.exitCode());
        assertTrue(run.stderr().contains("has no package helo") && run.stderr().contains("did you mean hello"), run.stderr());

        CliRun scheme = CliRun.of("-p", "virtual:micropython", "-q", "mip", "install", "--index", index(), "github:org/repo/x.py");
        assertEquals(Mpy.EXIT_FAILED, scheme.exitCode());
        assertTrue(scheme.stderr().contains("https://raw.githubusercontent.com/org/repo/HEAD/x.py"), scheme.stderr());
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
