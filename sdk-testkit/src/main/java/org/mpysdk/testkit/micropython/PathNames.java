package org.mpysdk.testkit.micropython;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the paths MicroPython's libc passes into the names of the in-memory tree: relative paths are
 * taken from the current directory, {@code .} and {@code ..} are resolved, empty names are skipped.
 */
final class PathNames {
    private PathNames() {
    }

    /**
     * @param path the path as the board gave it
     * @param cwd the absolute directory relative paths start from
     * @return the names from the root, {@code ..} at the root staying at the root (as POSIX does)
     * @throws ErrnoException ENOENT for an empty path, ENAMETOOLONG for an over-long path or name,
     *     EINVAL for a NUL inside
     */
    static List<String> split(String path, String cwd) throws ErrnoException {
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT, "empty path");
        }
        if (path.length() > MemoryFileSystem.MAX_PATH) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "path of " + path.length() + " characters");
        }
        if (path.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EINVAL, "NUL in path");
        }
        List<String> parts = new ArrayList<>();
        if (!path.startsWith("/")) {
            addAll(parts, cwd);
        }
        addAll(parts, path);
        return parts;
    }

    /** @return the absolute, normalized form of {@code path}: {@code /} or {@code /a/b} */
    static String normalize(String path, String cwd) throws ErrnoException {
        return join(split(path, cwd));
    }

    /** @return {@code /} followed by the names joined with {@code /} */
    static String join(List<String> parts) {
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    private static void addAll(List<String> parts, String path) throws ErrnoException {
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            if (name.length() > MemoryFileSystem.MAX_NAME) {
                throw new ErrnoException(Errno.ENAMETOOLONG, "name of " + name.length() + " characters");
            }
            parts.add(name);
        }
    }
}
