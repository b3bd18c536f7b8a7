package org.mpysdk.core.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules for paths on the board: which the SDK refuses to send, how they are joined, and where a remote
 * name may land on the host.
 *
 * <pre>{@code
 * RemotePaths.check("/lib/a.py");                              // ok
 * RemotePaths.localTarget(Path.of("out"), "../etc/passwd");     // throws UnsafeRemotePathException
 * }</pre>
 */
final class RemotePaths {
    private RemotePaths() {
    }

    /**
     * @param path a board path as the caller gave it
     * @return the path unchanged
     * @throws InvalidRemotePathException when it is empty, holds NUL, CR or LF (the REPL's framing and
     *     the firmware's C strings cannot carry them), or has a {@code .}, {@code ..} or empty part
     *     ({@code /lib/../main.py}, {@code /lib//x.py}): firmware resolves those differently (the
     *     micro:bit takes {@code ../x} as a name), so the SDK refuses them as it does for host paths
     *     ({@link #localTarget}); one leading and one trailing {@code /} are allowed
     */
    public static String check(String path) throws InvalidRemotePathException {
        checkCharacters(path);
        if (path.equals("/")) {
            return path;
        }
        int from = path.startsWith("/") ? 1 : 0;
        int to = path.endsWith("/") ? path.length() - 1 : path.length();
        for (String part : path.substring(from, Math.max(from, to)).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new InvalidRemotePathException("path on the board '" + path + "' has "
                        + (part.isEmpty() ? "an empty part (//)" : "a '" + part + "' part")
                        + "; the SDK does not resolve '.', '..' or empty parts (firmware treats them differently),"
                        + " give the path without them, e.g. /lib/main.py");
            }
        }
        return path;
    }

    /** Refuses what the REPL cannot carry: an empty path, NUL, CR, LF. */
    private static void checkCharacters(String path) throws InvalidRemotePathException {
        if (path == null || path.isEmpty()) {
            throw new InvalidRemotePathException("empty path on the board: give a name such as /main.py");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0 || c == '\n' || c == '\r') {
                throw new InvalidRemotePathException("path on the board holds a " + (c == 0 ? "NUL" : "line break")
                        + " character at index " + i + ": " + path.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r")
                        + "; rename it without control characters");
            }
        }
    }

    /**
     * @param dir a board folder, possibly ending in {@code /}, or empty
     * @param name a name within it
     * @return {@code dir + "/" + name} without a doubled slash; {@code name} alone when {@code dir} is empty
     */
    public static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /**
     * @param dir the board folder to create
     * @return the folders to create for {@code mkdir -p}, outermost first ({@code /a/b} gives {@code /a}, {@code /a/b})
     */
    public static List<String> prefixes(String dir) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder(dir.startsWith("/") ? "/" : "");
        for (String part : dir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
                sb.append('/');
            }
            sb.append(part);
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * @param path a board path
     * @return the parent folder of a board path, {@code ""} for a bare name and {@code "/"} for a top-level one
     */
    public static String parent(String path) {
        int i = path.lastIndexOf('/');
        if (i < 0) {
            return "";
        }
        return i == 0 ? "/" : path.substring(0, i);
    }

    /**
     * @param path a checked board file path, e.g. {@code /lib/x.py}
     * @return the name an upload writes first, in the same folder so a rename can replace the target:
     *     {@code /lib/.x.py.part}
     */
    public static String temporarySibling(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".part";
    }

    /**
     * Resolves a name relative to a remote folder to a path under a local folder.
     *
     * @param root the local target folder
     * @param relative the name below the remote folder, {@code /}-separated
     * @return the absolute, normalised host path, strictly inside {@code root}
     * @throws UnsafeRemotePathException when the name would leave {@code root}: {@code ..} parts, an
     *     absolute path, a drive letter, a backslash, or an empty or {@code .} part
     */
    public static Path localTarget(Path root, String relative) throws InvalidRemotePathException {
        // Only the characters here: a '..' part is refused below as unsafe for the host, with that type.
        checkCharacters(relative);
        if (relative.startsWith("/") || relative.startsWith("\\") || relative.contains("\\")
                || (relative.length() >= 2 && relative.charAt(1) == ':')) {
            throw unsafe(root, relative, "it is absolute or uses a backslash or drive letter");
        }
        for (String part : relative.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf(':') >= 0) {
                throw unsafe(root, relative, "it has a '" + part + "' part");
            }
        }
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(relative).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw unsafe(root, relative, "it resolves to " + target);
        }
        return target;
    }

    private static UnsafeRemotePathException unsafe(Path root, String name, String why) {
        return new UnsafeRemotePathException("refusing to copy the board's file '" + name + "' into " + root
                + ": " + why + ", so it could land outside that folder; rename it on the board");
    }
}
