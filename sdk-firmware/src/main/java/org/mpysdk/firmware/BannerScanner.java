package org.mpysdk.firmware;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.core.internal.Bytes;

/**
 * Finds the {@code MicroPython vX.Y.Z} banner strings inside an image (the ESP images are not
 * compressed, so the banner the REPL prints is stored as plain ASCII).
 */
public final class BannerScanner {
    private static final byte[] PREFIX = "MicroPython v".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern VERSION = Pattern.compile(
            "v(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:-preview\\.(\\d{1,9})\\.g([0-9a-f]{1,40}))?");
    private static final int MAX_HITS = 16;
    private static final int WINDOW = 64;

    private BannerScanner() {
    }

    /**
     * @param data a firmware image, whose {@code MicroPython vX.Y.Z} banner text names the version built
     * @return the versions of the first few banners found, in file order (empty when there is none)
     */
    public static List<FirmwareVersion> versions(byte[] data) {
        List<FirmwareVersion> found = new ArrayList<>();
        int from = 0;
        while (found.size() < MAX_HITS) {
            int at = Bytes.indexOf(data, PREFIX, from);
            if (at < 0) {
                break;
            }
            int start = at + PREFIX.length - 1; // keep the 'v'
            int end = Math.min(data.length, start + WINDOW);
            Matcher m = VERSION.matcher(new String(data, start, end - start, StandardCharsets.ISO_8859_1));
            if (m.lookingAt()) {
                FirmwareVersion v = fromMatch(m);
                if (v != null && !found.contains(v)) {
                    found.add(v);
                }
            }
            from = at + 1;
        }
        return found;
    }

    private static FirmwareVersion fromMatch(Matcher m) {
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int preview = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
            return new FirmwareVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, preview,
                    preview < 0 ? "" : m.group(5));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
