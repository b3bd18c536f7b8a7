package org.mpysdk.firmware.mip;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.OperationCancelledException;

/**
 * GETs from the index and from package URLs, whole bodies in memory (package files are small; the cap
 * keeps a wrong URL from filling the heap). "Not found" is an answer, not a failure: the caller knows
 * what was missing and says so in its own terms.
 */
final class IndexClient {
    /** micropython-lib's index.json is about 100 KB and its largest file well under 1 MB. */
    static final int MAX_BODY_BYTES = 16 << 20;

    private final OkHttpClient http;
    private final Cancellation cancellation;

    IndexClient(OkHttpClient http, Cancellation cancellation) {
        this.http = http;
        this.cancellation = cancellation;
    }

    /**
     * @param url an http(s) URL
     * @param what names the thing fetched in messages, e.g. "the package description of logging"
     * @return the body, or empty on 404 or 410
     * @throws PackageDownloadException on any other status, a network failure or a body over the cap
     * @throws OperationCancelledException when cancelled before or during the request
     */
    Optional<byte[]> get(String url, String what) throws PackageException, OperationCancelledException {
        cancellation.throwIfCancelled("fetching " + what);
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new UnsupportedPackageSourceException("'" + url + "' (" + what + ") is not an http(s) URL");
        }
        Call call = http.newCall(new Request.Builder().url(parsed).header("Accept", "*/*").build());
        try (Response response = call.execute()) {
            if (response.code() == 404 || response.code() == 410) {
                return Optional.empty();
            }
            if (!response.isSuccessful()) {
                throw new PackageDownloadException("HTTP " + response.code() + " fetching " + what + " from " + url
                        + (response.code() >= 500 ? "; the server failed: try again later" : "; check the index URL"),
                        response.code(), null);
            }
            return Optional.of(read(response.body(), url, what));
        } catch (InterruptedIOException e) {
            if (cancellation.isCancelled()) {
                throw new OperationCancelledException("fetching " + what + " was cancelled");
            }
            throw new PackageDownloadException("timed out fetching " + what + " from " + url
                    + "; check the network connection or the index URL", -1, e);
        } catch (PackageException e) {
            throw e;
        } catch (IOException e) {
            throw new PackageDownloadException("network failure fetching " + what + " from " + url + " (" + e
                    + "); check the network connection, a proxy, or the index URL", -1, e);
        }
    }

    private byte[] read(ResponseBody body, String url, String what) throws IOException, PackageException {
        if (body.contentLength() > MAX_BODY_BYTES) {
            throw tooLarge(url, what);
        }
        try (InputStream in = body.byteStream()) {
            byte[] data = in.readNBytes(MAX_BODY_BYTES + 1);
            if (data.length > MAX_BODY_BYTES) {
                throw tooLarge(url, what);
            }
            return data;
        }
    }

    private static PackageDownloadException tooLarge(String url, String what) {
        return new PackageDownloadException(what + " at " + url + " is larger than " + (MAX_BODY_BYTES >> 20)
                + " MiB, far more than any MicroPython package; check the URL", -1, null);
    }
}
