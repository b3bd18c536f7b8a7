package org.mpysdk.firmware;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child-process entry point for {@link CrossProcessDownloadTest}: downloads a board's latest release
 * into a cache directory and prints {@code OK sha origin} or {@code ERR type message}.
 */
public final class DownloadProcessMain {
    private DownloadProcessMain() {
    }

    /** @param args base URL, cache directory, board id, timeout in milliseconds */
    public static void main(String[] args) {
        try {
            Firmware fw = FirmwareCatalog.builder().baseUrl(args[0]).cacheDirectory(Path.of(args[1])).build()
                    .board(args[2]).latestRelease()
                    .download(DownloadOptions.defaults().withTimeout(Duration.ofMillis(Long.parseLong(args[3]))));
            System.out.println("OK " + fw.sha256() + " " + fw.origin());
            System.exit(0);
        } catch (Exception e) {
            System.out.println("ERR " + e.getClass().getSimpleName() + " " + e.getMessage());
            System.exit(2);
        }
    }
}
