package org.mpysdk.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.mpysdk.core.flash.Chip;
import org.mpysdk.testkit.images.TestFirmware;

/**
 * A MockWebServer dispatcher shaped like micropython.org: pages from src/test/resources/site, firmware
 * files built by {@link TestFirmware} from their names, ETag/Last-Modified/Range support, and faults.
 */
final class FakeSite extends Dispatcher {
    /** What to do wrong when a file is requested. */
    enum Fault { NOT_FOUND, SERVER_ERROR, DROP_HALFWAY, SHORT_CONTENT_LENGTH, IGNORE_RANGE }

    static final String LAST_MODIFIED = "Tue, 09 Dec 2025 10:00:00 GMT";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    final Map<String, String> pages = new ConcurrentHashMap<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, Fault> faults = new ConcurrentHashMap<>();
    final Map<String, Integer> faultCounts = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    volatile long throttleBytesPerPeriod;

    FakeSite() {
        page("/download/?port=esp32", "site/index-esp32.html");
        page("/download/?port=esp8266", "site/index-esp8266.html");
        for (String board : List.of("ESP32_GENERIC", "ESP32_GENERIC_S3", "ESP8266_GENERIC", "SEEED_XIAO_ESP32C5",
                "ESP32_GENERIC_C5", "ESP32_GENERIC_C3")) {
            page("/download/" + board + "/", "site/board-" + board + ".html");
        }
    }

    /** Serves a resource file at a path. */
    void page(String path, String resource) {
        pages.put(path, resource(resource));
    }

    static String resource(String name) {
        try (InputStream in = FakeSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Injects a fault for the next {@code times} requests of a file. */
    void fault(String name, Fault fault, int times) {
        faults.put(name, fault);
        faultCounts.put(name, times);
    }

    /** The bytes the site serves for a file name (built on first use). */
    byte[] bytes(String name) {
        return files.computeIfAbsent(name, FakeSite::build);
    }

    static byte[] build(String fileName) {
        try {
            FirmwareFileName n = FirmwareFileName.parse(fileName);
            String mcu = EspBoardMetadata.bundled().find(n.board()).map(BoardMetadata::mcu).orElse("esp32");
            Chip chip = Chip.fromName(mcu).orElseThrow();
            return switch (n.type()) {
                case BIN -> chip == Chip.ESP8266 ? TestFirmware.esp8266Bin(n.version().toString())
                        : TestFirmware.esp32Bin(chip, n.version().toString());
                case APP_BIN -> TestFirmware.appBin(chip, n.version().toString());
                default -> TestFirmware.filler(3000, fileName.length());
            };
        } catch (CatalogFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    long fileRequests(String name) {
        return requests.stream().filter(r -> r.getTarget().endsWith("/" + name)).count();
    }

    List<RecordedRequest> requestsFor(String suffix) {
        return requests.stream().filter(r -> r.getTarget().endsWith(suffix)).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String target = request.getTarget();
        if (target.startsWith("/resources/firmware/")) {
            return file(request, target.substring("/resources/firmware/".length()));
        }
        String html = pages.get(target);
        if (html == null) {
            return new MockResponse.Builder().code(404).body("<html><body><h1>Not found</h1></body></html>").build();
        }
        String etag = "\"" + HttpFileCache.sha256(html.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + "\"";
        if (etag.equals(request.getHeaders().get("If-None-Match"))) {
            return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
                .addHeader("ETag", etag).body(html).build();
    }

    private MockResponse file(RecordedRequest request, String name) {
        Fault fault = takeFault(name);
        if (fault == Fault.NOT_FOUND || !files.containsKey(name) && !name.matches(".*-\\d{8}-v.*")) {
            return new MockResponse.Builder().code(404).body("not found").build();
        }
        if (fault == Fault.SERVER_ERROR) {
            return new MockResponse.Builder().code(500).body("internal error").build();
        }
        byte[] content = bytes(name);
        String etag = "\"" + HttpFileCache.sha256(content).substring(0, 16) + "\"";
        if (etag.equals(request.getHeaders().get("If-None-Match"))) {
            return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
        }
        int start = 0;
        String range = request.getHeaders().get("Range");
        String ifRange = request.getHeaders().get("If-Range");
        if (range != null && fault != Fault.IGNORE_RANGE && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                start = Integer.parseInt(m.group(1));
                if (start >= content.length) {
                    return new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */" + content.length).build();
                }
            }
        }
        Buffer body = new Buffer().write(content, start, content.length - start);
        MockResponse.Builder response = new MockResponse.Builder()
                .code(start > 0 ? 206 : 200)
                .addHeader("Content-Type", "application/octet-stream")
                .addHeader("ETag", etag)
                .addHeader("Last-Modified", LAST_MODIFIED)
                .addHeader("Accept-Ranges", "bytes");
        if (start > 0) {
            response.addHeader("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        response.body(body);
        if (throttleBytesPerPeriod > 0) {
            response.throttleBody(throttleBytesPerPeriod, 1, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (fault == Fault.DROP_HALFWAY) {
            response.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
        } else if (fault == Fault.SHORT_CONTENT_LENGTH) {
            // "Connection: close" too: the 100 extra bytes must not reach the client's next request on a pooled connection.
            response.setHeader("Content-Length", content.length - start - 100)
                    .setHeader("Connection", "close")
                    .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
        }
        return response.build();
    }

    private Fault takeFault(String name) {
        Integer left = faultCounts.get(name);
        if (left == null || left <= 0) {
            return null;
        }
        faultCounts.put(name, left - 1);
        return faults.get(name);
    }
}
