package org.mpysdk.core.flash;

/** Formatting of byte counts as flash sizes ({@code 4 MB}, {@code 512 KB}). */
public final class FlashSizes {
    private FlashSizes() {
    }

    /**
     * @param bytes a size in bytes
     * @return {@code bytes} as "N MB" or "N KB" when exact, else "N bytes"
     */
    public static String format(long bytes) {
        if (bytes > 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    /**
     * @param bytes a flash size in bytes, normally a whole number of megabytes
     * @return {@code bytes} as esptool's size argument ("4MB", "512KB")
     */
    public static String argument(long bytes) {
        return format(bytes).replace(" ", "");
    }
}
