package org.mpysdk.firmware;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.CacheControl;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationCancelledException;
import org.mpysdk.core.Progress;
import org.mpysdk.core.internal.LocalFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A download cache on disk for HTTP resources, safe across threads and processes.
 *
 * <ul>
 *   <li>Entries are written atomically: data goes to {@code partial/}, is checked, then renamed into place.</li>
 *   <li>An interrupted download resumes with {@code Range} + {@code If-Range}; a server that ignores the range
 *   (200) or refuses it (416) gets a full download.</li>
 *   <li>A cached entry is revalidated with {@code If-None-Match} / {@code If-Modified-Since}; 304 keeps it.</li>
 *   <li>Each entry's SHA-256 is kept in its side file; an entry whose bytes no longer match is removed and
 *   downloaded again.</li>
 *   <li>Offline mode serves the cache only, and says so through {@link Origin#OFFLINE_CACHE}.</li>
 * </ul>
 */
final class HttpFileCache {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFileCache.class);
    private static final int CHUNK = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final String USER_AGENT = "mpysdk-firmware (+https://github.com/micropython/micropython)";

    private final Path root;
    private final OkHttpClient client;
    private final Clock clock;
    private final CacheLock locks = new CacheLock();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param root the cache directory (created when needed)
     * @param client the HTTP client
     * @param clock the clock for fetch times and maximum ages
     */
    public HttpFileCache(Path root, OkHttpClient client, Clock clock) {
        this.root = root;
        this.client = client;
        this.clock = clock;
    }

    /** @return the cache directory */
    public Path root() {
        return root;
    }

    /**
     * @param key the entry's path relative to the cache root, as in {@link FetchRequest#key()}
     * @return the path an entry has (or would have) in the cache
     */
    public Path entryPath(String key) {
        return root.resolve(key);
    }

    /**
     * @param key the entry's path relative to the cache root
     * @return where the partial data of an interrupted download of an entry is kept
     */
    public Path partialPath(String key) {
        return root.resolve("partial").resolve(key.replace('/', '_') + ".part");
    }

    /**
     * Gets a resource through the cache.
     *
     * @param request what to fetch, from where, how fresh it must be and how to check it
     * @return the complete, checked content
     * @throws NotCachedException offline and not cached
     * @throws FirmwareNotFoundException the server answers 404 or 410
     * @throws DownloadException network failure, server error, truncated body
     * @throws FirmwareVerificationException the check rejected the content
     * @throws OperationCancelledException cancelled
     * @throws org.mpysdk.core.OperationTimeoutException past the options' timeout
     */
    @SuppressWarnings("try") // the lock is held for the block; it is not used inside
    public CachedFile fetch(FetchRequest request) throws FirmwareException, org.mpysdk.core.BoardException {
        Deadline deadline = Deadline.after(request.options().timeout());
        Cancellation cancellation = request.options().cancellation();
        Path entry = entryPath(request.key());
        try (CacheLock.Held held = locks.acquire(root.resolve("locks").resolve(request.key().replace('/', '_') + ".lock"),
                deadline, cancellation, request.what())) {
            Valid cached = loadValid(request, entry);
            if (request.offline()) {
                if (cached.file == null) {
                    throw new NotCachedException("offline mode: " + request.what() + " is not in the cache at " + root
                            + (cached.problem.isEmpty() ? "" : " (" + cached.problem + ")")
                            + "; go online once to download it, or turn offline mode off");
                }
                LOG.info("offline mode: serving {} from the cache (fetched {})", request.what(), cached.file.metadata().fetchedAt());
                return withOrigin(cached.file, Origin.OFFLINE_CACHE);
            }
            if (cached.file != null && isFresh(cached.file.metadata(), request)) {
                return withOrigin(cached.file, Origin.CACHE);
            }
            return download(request, entry, cached.file, deadline);
        }
    }

    private boolean isFresh(EntryMetadata meta, FetchRequest request) {
        if (request.maxAge().isZero() || meta.fetchedAt().isEmpty()) {
            return false;
        }
        try {
            Instant fetched = Instant.parse(meta.fetchedAt());
            Instant now = clock.instant();
            return !fetched.isAfter(now) && fetched.plus(request.maxAge()).isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A cache entry that passed its checks (file != null), or why there is none. */
    private record Valid(CachedFile file, String problem) {
    }

    private Valid loadValid(FetchRequest request, Path entry) throws FirmwareException {
        Path metaPath = metaPath(entry);
        if (!Files.exists(entry)) {
            return new Valid(null, "");
        }
        try {
            byte[] content = Files.readAllBytes(entry);
            EntryMetadata meta = Files.exists(metaPath) ? json.readValue(metaPath.toFile(), EntryMetadata.class) : null;
            String sha = sha256(content);
            if (meta == null || !sha.equals(meta.sha256())) {
                return discard(entry, "cache entry for " + request.what() + " is corrupt (its SHA-256 no longer matches "
                        + "the one recorded at download); removed it");
            }
            try {
                request.check().check(content, sha, true);
            } catch (FirmwareVerificationException e) {
                return discard(entry, "cache entry for " + request.what() + " failed verification (" + e.getMessage() + "); removed it");
            }
            return new Valid(new CachedFile(entry, content, sha, Origin.CACHE, meta), "");
        } catch (NoSuchFileException e) {
            return new Valid(null, "");
        } catch (FirmwareException e) {
            throw e; // from the check (not a verification failure): not a problem of the entry
        } catch (IOException e) {
            return discard(entry, "cache entry for " + request.what() + " is unreadable (" + e.getMessage() + "); removed it");
        }
    }

    private Valid discard(Path entry, String problem) {
        LOG.warn(problem);
        try {
            Files.deleteIfExists(entry);
            Files.deleteIfExists(metaPath(entry));
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", entry, e.getMessage());
        }
        return new Valid(null, problem);
    }

    private CachedFile download(FetchRequest request, Path entry, CachedFile cached, Deadline deadline)
            throws FirmwareException, org.mpysdk.core.BoardException {
        Path partial = partialPath(request.key());
        Path partialMeta = metaPath(partial);
        boolean allowResume = true;
        for (int attempt = 0; attempt < 3; attempt++) {
            long resumeFrom = 0;
            Request.Builder http = new Request.Builder().url(request.url().toString())
                    .header("User-Agent", USER_AGENT)
                    .cacheControl(new CacheControl.Builder().noStore().build());
            EntryMetadata partialInfo = allowResume ? readPartialInfo(partial, partialMeta, request) : null;
            if (cached != null) {
                conditional(http, cached.metadata());
            } else if (partialInfo != null) {
                resumeFrom = sizeOf(partial);
                String validator = !partialInfo.etag().isEmpty() && !partialInfo.etag().startsWith("W/")
                        ? partialInfo.etag() : partialInfo.lastModified();
                http.header("Range", "bytes=" + resumeFrom + "-").header("If-Range", validator);
                LOG.info("resuming {} at byte {}", request.what(), resumeFrom);
            } else {
                deleteQuietly(partial, partialMeta);
            }
            Call call = client.newCall(http.build());
            call.timeout().timeout(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
            try (Response response = execute(call, request)) {
                int code = response.code();
                if (code == 304 && cached != null) {
                    EntryMetadata meta = cached.metadata().withFetchedAt(clock.instant().toString());
                    writeMeta(metaPath(entry), meta);
                    LOG.debug("{} unchanged on the server (304)", request.what());
                    return new CachedFile(entry, cached.content(), cached.sha256(), Origin.REVALIDATED, meta);
                }
                if (code == 404 || code == 410) {
                    deleteQuietly(partial, partialMeta);
                    throw new FirmwareNotFoundException(request.what() + " is not on the server (HTTP " + code + " for "
                            + request.url() + "); it may have been removed (preview builds are kept only a few days)");
                }
                if (code == 416) {
                    LOG.info("server refused to resume {} (416); downloading it whole", request.what());
                    deleteQuietly(partial, partialMeta);
                    allowResume = false;
                    continue;
                }
                if (code == 206) {
                    if (partialInfo == null || !rangeStartsAt(response.header("Content-Range"), resumeFrom)) {
                        LOG.info("server sent an unexpected range for {}; downloading it whole", request.what());
                        deleteQuietly(partial, partialMeta);
                        allowResume = false;
                        continue;
                    }
                } else if (code != 200) {
                    throw new DownloadException("downloading " + request.what() + " failed: HTTP " + code + " from "
                            + request.url() + (code >= 500 ? "; the server has a problem, try again later" : ""), code, null);
                } else {
                    resumeFrom = 0;
                }
                return receive(request, response, entry, partial, partialMeta, resumeFrom, deadline);
            }
        }
        throw new DownloadException("downloading " + request.what() + " failed: the server kept refusing byte ranges; "
                + "clear " + partial + " and try again", -1, null);
    }

    private Response execute(Call call, FetchRequest request) throws DownloadException, OperationCancelledException {
        request.options().cancellation().throwIfCancelled("download of " + request.what());
        try {
            return call.execute();
        } catch (InterruptedIOException e) {
            if (request.options().cancellation().isCancelled()) {
                throw new OperationCancelledException("download of " + request.what() + " was cancelled");
            }
            throw new DownloadException("downloading " + request.what() + " timed out before the server answered ("
                    + request.url().getHost() + "); check the network or use offline mode", -1, e);
        } catch (IOException e) {
            throw new DownloadException("cannot reach " + request.url().getHost() + " to download " + request.what() + ": "
                    + e.getMessage() + "; check the network, a proxy, or use offline mode with a filled cache", -1, e);
        }
    }

    private CachedFile receive(FetchRequest request, Response response, Path entry, Path partial, Path partialMeta,
                               long resumeFrom, Deadline deadline) throws FirmwareException, org.mpysdk.core.BoardException {
        long bodyLength = response.body().contentLength();
        long total = bodyLength < 0 ? -1 : resumeFrom + bodyLength;
        EntryMetadata info = new EntryMetadata(request.url().toString(), header(response, "ETag"),
                header(response, "Last-Modified"), total, "", clock.instant().toString());
        Cancellation cancellation = request.options().cancellation();
        long done = resumeFrom;
        try {
            Files.createDirectories(partial.getParent());
            // The validators go first: if the transfer breaks, the next attempt knows what it resumes.
            writeMeta(partialMeta, info);
            StandardOpenOption mode = resumeFrom > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (InputStream in = response.body().byteStream();
                 OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                byte[] buffer = new byte[CHUNK];
                report(request, done, total);
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    report(request, done, total);
                    if (cancellation.isCancelled()) {
                        throw new OperationCancelledException("download of " + request.what() + " was cancelled after "
                                + done + " bytes; the next download resumes there");
                    }
                    deadline.check("the download of " + request.what());
                }
            }
        } catch (org.mpysdk.core.BoardException e) {
            throw e; // cancelled or timed out: already typed (BoardException is an IOException too)
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw new OperationCancelledException("download of " + request.what() + " was cancelled after " + done
                        + " bytes; the next download resumes there");
            }
            throw new DownloadException("downloading " + request.what() + " broke off after " + done + " of "
                    + (total < 0 ? "?" : total) + " bytes (" + e.getMessage() + "); nothing was cached, call download "
                    + "again to resume", -1, e);
        }
        if (total >= 0 && done != total) {
            throw new DownloadException("downloading " + request.what() + " ended after " + done + " of " + total
                    + " bytes; nothing was cached, call download again to resume", -1, null);
        }
        return commit(request, entry, partial, partialMeta, info);
    }

    private CachedFile commit(FetchRequest request, Path entry, Path partial, Path partialMeta, EntryMetadata info)
            throws FirmwareException {
        byte[] content;
        try {
            content = Files.readAllBytes(partial);
        } catch (IOException e) {
            deleteQuietly(partial, partialMeta);
            throw new DownloadException("cannot read back " + partial + ": " + e.getMessage() + "; download again", -1, e);
        }
        String sha = sha256(content);
        // Checked outside any IOException handler: FirmwareException is an IOException too.
        try {
            request.check().check(content, sha, false);
        } catch (FirmwareException e) {
            deleteQuietly(partial, partialMeta);
            throw e;
        }
        EntryMetadata meta = new EntryMetadata(info.url(), info.etag(), info.lastModified(), content.length, sha,
                clock.instant().toString());
        try {
            Files.createDirectories(entry.getParent());
            writeMeta(metaPath(entry), meta);
            LocalFiles.moveAtomically(partial, entry);
            Files.deleteIfExists(partialMeta);
        } catch (DownloadException e) {
            deleteQuietly(partial, partialMeta);
            throw e;
        } catch (IOException e) {
            deleteQuietly(partial, partialMeta);
            throw new DownloadException("cannot write " + request.what() + " into the cache at " + root + ": "
                    + e.getMessage() + "; check free space and permissions", -1, e);
        }
        LOG.debug("cached {} ({} bytes, sha256 {})", request.what(), content.length, sha);
        return new CachedFile(entry, content, sha, Origin.NETWORK, meta);
    }

    private EntryMetadata readPartialInfo(Path partial, Path partialMeta, FetchRequest request) {
        try {
            if (!Files.exists(partial) || !Files.exists(partialMeta) || Files.size(partial) == 0) {
                return null;
            }
            EntryMetadata info = json.readValue(partialMeta.toFile(), EntryMetadata.class);
            boolean sameUrl = info.url().equals(request.url().toString());
            boolean hasValidator = !info.lastModified().isEmpty() || (!info.etag().isEmpty() && !info.etag().startsWith("W/"));
            boolean notTooLong = info.size() < 0 || Files.size(partial) < info.size();
            return sameUrl && hasValidator && notTooLong ? info : null;
        } catch (IOException e) {
            LOG.debug("ignoring unreadable partial download {}", partial, e);
            return null;
        }
    }

    private static void conditional(Request.Builder http, EntryMetadata meta) {
        if (!meta.etag().isEmpty()) {
            http.header("If-None-Match", meta.etag());
        }
        if (!meta.lastModified().isEmpty()) {
            http.header("If-Modified-Since", meta.lastModified());
        }
    }

    private static boolean rangeStartsAt(String contentRange, long start) {
        if (contentRange == null) {
            return false;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        return m.matches() && Long.parseLong(m.group(1)) == start;
    }

    private static void report(FetchRequest request, long done, long total) {
        request.options().progress().onProgress(new Progress("download", request.what(), done, total));
    }

    private static String header(Response response, String name) {
        String value = response.header(name);
        return value == null ? "" : value;
    }

    private static CachedFile withOrigin(CachedFile file, Origin origin) {
        return new CachedFile(file.path(), file.content(), file.sha256(), origin, file.metadata());
    }

    private void writeMeta(Path path, EntryMetadata meta) throws DownloadException {
        try {
            LocalFiles.writeAtomically(path, out -> out.write(json.writeValueAsBytes(meta)));
        } catch (IOException e) {
            throw new DownloadException("cannot write " + path + ": " + e.getMessage() + "; check free space and permissions", -1, e);
        }
    }

    private static Path metaPath(Path file) {
        return file.resolveSibling(file.getFileName() + ".meta.json");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("could not delete {}", p, e);
            }
        }
    }

    /**
     * @param content the bytes to hash
     * @return lower-case hex SHA-256 of {@code content}
     */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
