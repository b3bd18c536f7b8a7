package org.mpysdk.firmware.mip;

/**
 * Fetching from the index failed: no network, a refused connection, a timeout, or an HTTP error other
 * than "not found". Nothing was written to the board when this comes from the download phase.
 */
public class PackageDownloadException extends PackageException {
    /** The HTTP status, or -1 when the failure happened below HTTP. */
    private final int httpStatus;

    /**
     * @param message what failed and what to try
     * @param httpStatus the HTTP status, or -1 when the failure happened below HTTP
     * @param cause the underlying failure, or null
     */
    public PackageDownloadException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status code, or -1 when there was none (connection failure, timeout) */
    public int httpStatus() {
        return httpStatus;
    }
}
