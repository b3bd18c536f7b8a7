package org.mpysdk.firmware.mip;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names are index names, which are URLs the installer fetches, and which are forms it refuses.
 * mpremote also takes {@code github:org/repo/path}, {@code gitlab:} and {@code codeberg:} shorthands and
 * local files; here they fail with the https URL to give instead, so nothing is fetched from a place
 * the caller did not spell out.
 */
final class PackageSources {
    /** Index names go into URL paths: nothing that could change the path. */
    private static final Pattern INDEX_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final List<String> SHORTHANDS = List.of("github:", "gitlab:", "codeberg:");

    private PackageSources() {
    }

    static boolean isUrl(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /**
     * @param name a package name, URL or other source as given
     * @throws UnsupportedPackageSourceException when it is neither an index name nor an http(s) URL
     */
    static void requireSupported(String name, String where) throws UnsupportedPackageSourceException {
        if (isUrl(name)) {
            return;
        }
        for (String s : SHORTHANDS) {
            if (name.startsWith(s)) {
                throw new UnsupportedPackageSourceException("'" + name + "'" + where + " uses the " + s
                        + " shorthand, which this installer does not fetch; give the file's https URL instead"
                        + suggestion(s, name.substring(s.length())));
            }
        }
        if (name.contains(":") || name.contains("/") || name.contains("\\") || name.endsWith(".json")) {
            throw new UnsupportedPackageSourceException("'" + name + "'" + where + " is neither a package name nor an "
                    + "http(s) URL; only those are supported (copy local files with BoardFiles.put or 'mpy cp')");
        }
        if (!INDEX_NAME.matcher(name).matches()) {
            throw new UnsupportedPackageSourceException("'" + name + "'" + where + " is not a package name (letters, digits, "
                    + "'.', '_', '-'), nor an http(s) URL");
        }
    }

    /** mpremote's rewrite of the shorthand with branch HEAD, as a hint of what to type. */
    private static String suggestion(String shorthand, String rest) {
        String[] parts = rest.split("/", 3);
        if (parts.length < 3) {
            return "";
        }
        String url = switch (shorthand) {
            case "github:" -> "https://raw.githubusercontent.com/" + parts[0] + "/" + parts[1] + "/HEAD/" + parts[2];
            case "gitlab:" -> "https://gitlab.com/" + parts[0] + "/" + parts[1] + "/-/raw/HEAD/" + parts[2];
            default -> "https://codeberg.org/api/v1/repos/" + parts[0] + "/" + parts[1] + "/raw/" + parts[2] + "?ref=HEAD";
        };
        return " (for the default branch: " + url + ")";
    }

    /**
     * mpremote's rule: a relative URL in a package description is relative to that description's folder.
     *
     * @param url a URL from the description's {@code urls}
     * @param descriptionUrl where the description came from
     * @param where names the description in messages
     * @return the absolute http(s) URL
     * @throws UnsupportedPackageSourceException for a shorthand or another scheme
     */
    static String link(String url, String descriptionUrl, String where) throws UnsupportedPackageSourceException {
        if (isUrl(url)) {
            return url;
        }
        int colon = url.indexOf(':');
        int slash = url.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            requireSupported(url, where); // a shorthand or another scheme: refused with its own message
            throw new UnsupportedPackageSourceException("'" + url + "'" + where + " has a scheme other than http(s)");
        }
        return descriptionUrl.substring(0, descriptionUrl.lastIndexOf('/')) + "/" + url;
    }
}
