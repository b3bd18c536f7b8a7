package org.mpysdk.firmware;

/**
 * A transfer failed: network error, server error, dropped connection or truncated body. Nothing
 * partial is left in the cache; data already received is kept aside so that the next attempt resumes.
 */
public class DownloadException extends FirmwareException {
    /** The HTTP status, or -1 when the failure happened below HTTP. */
    private final int httpStatus;

    /**
     * @param message what failed and what to try
     * @param httpStatus the HTTP status, or -1 when the failure happened below HTTP
     * @param cause the underlying failure, or null
     */
    public DownloadException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status code, or -1 when there was none (connection failure, truncated body) */
    public int httpStatus() {
        return httpStatus;
    }
}
