package org.mpysdk.firmware;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.ProgressListener;

/**
 * How to run one download: progress listener, cancellation, an expected SHA-256 and an overall timeout.
 *
 * <pre>{@code
 * Cancellation cancel = new Cancellation();
 * Firmware fw = choice.download(DownloadOptions.defaults()
 *         .withProgress(p -> bar.set(p.fraction()))
 *         .withCancellation(cancel)
 *         .withExpectedSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
 * }</pre>
 *
 * @param progress receives {@code download} events (bytes done / total)
 * @param cancellation stops the download at its next chunk; data received so far is kept for resuming
 * @param expectedSha256 lower-case hex SHA-256 the file must have, or "" for no expectation
 * @param timeout the whole download (waiting for another process's download of the same file included)
 */
public record DownloadOptions(ProgressListener progress, Cancellation cancellation, String expectedSha256, Duration timeout) {
    /** The default overall timeout: generous for a 2 MB image on a slow link, bounded all the same. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Normalises and checks the fields.
     *
     * @param progress receives {@code download} events; null means none
     * @param cancellation stops the download at its next chunk; null means a fresh, never-cancelled token
     * @param expectedSha256 hex SHA-256 the file must have (any case, trimmed), or null or "" for no expectation
     * @param timeout the whole download, positive
     * @throws IllegalArgumentException when {@code expectedSha256} is not 64 hex digits or {@code timeout}
     *     is not positive
     * @throws NullPointerException when {@code timeout} is null
     */
    public DownloadOptions {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancellation = cancellation == null ? new Cancellation() : cancellation;
        expectedSha256 = expectedSha256 == null ? "" : expectedSha256.trim().toLowerCase(Locale.ROOT);
        if (!expectedSha256.isEmpty() && !expectedSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected SHA-256 must be 64 hex digits, got '" + expectedSha256 + "'");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** @return no listener, a fresh cancellation, no expected hash, {@link #DEFAULT_TIMEOUT} */
    public static DownloadOptions defaults() {
        return new DownloadOptions(ProgressListener.NONE, new Cancellation(), "", DEFAULT_TIMEOUT);
    }

    /**
     * @param listener receives {@code download} events; null for none
     * @return a copy with this progress listener
     */
    public DownloadOptions withProgress(ProgressListener listener) {
        return new DownloadOptions(listener, cancellation, expectedSha256, timeout);
    }

    /**
     * @param token stops the download at its next chunk; the partial data is kept for resuming
     * @return a copy with this cancellation token
     */
    public DownloadOptions withCancellation(Cancellation token) {
        return new DownloadOptions(progress, token, expectedSha256, timeout);
    }

    /**
     * @param sha256 the SHA-256 you vetted the file with, 64 hex digits; "" for no expectation
     * @return a copy that requires this SHA-256
     * @throws IllegalArgumentException when {@code sha256} is not 64 hex digits
     */
    public DownloadOptions withExpectedSha256(String sha256) {
        return new DownloadOptions(progress, cancellation, sha256, timeout);
    }

    /**
     * @param overall the most the whole download may take, positive
     * @return a copy with this overall timeout
     * @throws IllegalArgumentException when {@code overall} is not positive
     */
    public DownloadOptions withTimeout(Duration overall) {
        return new DownloadOptions(progress, cancellation, expectedSha256, overall);
    }
}
