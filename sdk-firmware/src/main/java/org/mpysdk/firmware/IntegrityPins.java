package org.mpysdk.firmware;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mpysdk.core.BoardException;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.internal.LocalFiles;

/**
 * The lock file that pins each firmware file name to the SHA-256 seen on its first download
 * (micropython.org publishes no hashes). A JSON document, safe to commit to a project:
 *
 * <pre>{@code
 * {
 *   "format" : 1,
 *   "files" : {
 *     "ESP32_GENERIC-20251209-v1.27.0.bin" : { "sha256" : "...", "size" : 1703936, "url" : "...", "pinnedAt" : "..." }
 *   }
 * }
 * }</pre>
 *
 * Updates are read-modify-write under a file lock and written atomically, so concurrent processes
 * never lose each other's pins.
 */
final class IntegrityPins {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final Clock clock;
    private final CacheLock locks = new CacheLock();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One pinned file.
     *
     * @param sha256 lower-case hex SHA-256
     * @param size length in bytes
     * @param url where it was first downloaded from
     * @param pinnedAt ISO-8601 instant of the first download
     */
    public record Pin(String sha256, long size, String url, String pinnedAt) {
    }

    /** Jackson shape of the file. */
    private record Document(int format, Map<String, Pin> files) {
        Document {
            files = files == null ? new TreeMap<>() : new TreeMap<>(files);
        }
    }

    /**
     * @param file the lock file (need not exist yet)
     * @param clock the clock for {@code pinnedAt}
     */
    public IntegrityPins(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** @return the lock file's path */
    public Path file() {
        return file;
    }

    /**
     * @param fileName a firmware file name as published
     * @return the pin of a file name, if any
     * @throws DownloadException when the lock file exists but cannot be read
     */
    public Optional<Pin> find(String fileName) throws DownloadException {
        return Optional.ofNullable(read().files().get(fileName));
    }

    /**
     * Records a pin unless the name is already pinned.
     *
     * @param fileName the firmware file name as published
     * @param sha256 lower-case hex SHA-256 of the verified content
     * @param size its length in bytes
     * @param url where it was downloaded from, for the record
     * @return the pin now in force (the existing one when there was one)
     * @throws BoardException when the lock file cannot be locked, read or written
     */
    @SuppressWarnings("try") // the lock is held for the block; it is not used inside
    public Pin pinIfAbsent(String fileName, String sha256, long size, String url) throws BoardException {
        try (CacheLock.Held held = locks.acquire(file.resolveSibling(file.getFileName() + ".lock"),
                Deadline.after(LOCK_TIMEOUT), new Cancellation(), "lock file " + file)) {
            Document doc = read();
            Pin existing = doc.files().get(fileName);
            if (existing != null) {
                return existing;
            }
            Pin pin = new Pin(sha256, size, url, clock.instant().toString());
            doc.files().put(fileName, pin);
            try {
                LocalFiles.writeAtomically(file, out -> out.write(json.writeValueAsBytes(doc)));
            } catch (IOException e) {
                throw new DownloadException("cannot write the firmware lock file " + file + ": " + e.getMessage()
                        + "; check permissions or choose another with FirmwareCatalog.builder().lockFile(...)", -1, e);
            }
            return pin;
        }
    }

    private Document read() throws DownloadException {
        if (!Files.exists(file)) {
            return new Document(1, new TreeMap<>());
        }
        try {
            return json.readValue(file.toFile(), Document.class);
        } catch (IOException e) {
            throw new DownloadException("cannot read the firmware lock file " + file + ": " + e.getMessage()
                    + "; fix or delete it (pins are recorded again on the next downloads)", -1, e);
        }
    }
}
