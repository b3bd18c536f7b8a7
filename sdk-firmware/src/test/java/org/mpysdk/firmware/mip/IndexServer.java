package org.mpysdk.firmware.mip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** Serves a {@link LocalIndex} folder under {@code /pi/v2} with MockWebServer, with overrides for faults. */
final class IndexServer extends Dispatcher implements AutoCloseable {
    static final String PREFIX = "/pi/v2";

    private final Path root;
    private final MockWebServer server = new MockWebServer();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Paths under the prefix answered with these bytes instead of the file's. */
    final Map<String, byte[]> replaced = new ConcurrentHashMap<>();
    /** Paths under the prefix answered with this status and no body. */
    final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    IndexServer(Path root) throws IOException {
        this.root = root;
        server.setDispatcher(this);
        server.start();
    }

    /** @return the index's base URL, as a user would give it */
    String url() {
        return server.url(PREFIX).toString();
    }

    /** @return the requests under the index, e.g. {@code "/file/ab/abcd1234"} */
    List<String> requests() {
        return requests;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        if (!target.startsWith(PREFIX + "/")) {
            return new MockResponse.Builder().code(404).build();
        }
        String path = target.substring(PREFIX.length());
        requests.add(path);
        Integer status = statuses.get(path);
        if (status != null) {
            return new MockResponse.Builder().code(status).build();
        }
        byte[] body = replaced.get(path);
        if (body == null) {
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return new MockResponse.Builder().code(404).body("not found").build();
            }
            try {
                body = Files.readAllBytes(file);
            } catch (IOException e) {
                return new MockResponse.Builder().code(500).body(e.toString()).build();
            }
        }
        return new MockResponse.Builder().code(200).body(new Buffer().write(body)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
