package org.mpysdk.firmware;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the firmware cache lives by default, following each platform's convention:
 * {@code $XDG_CACHE_HOME/mpysdk} (else {@code ~/.cache/mpysdk}) on Linux and other Unix systems,
 * {@code ~/Library/Caches/mpysdk} on macOS, {@code %LOCALAPPDATA%\mpysdk\cache} on Windows.
 * The environment variable {@code MPYSDK_CACHE_DIR} or the system property {@code mpysdk.cache.dir}
 * overrides it (the property wins).
 */
final class CacheLocations {
    /** System property that overrides the cache directory. */
    public static final String PROPERTY = "mpysdk.cache.dir";
    /** Environment variable that overrides the cache directory. */
    public static final String ENV = "MPYSDK_CACHE_DIR";
    private static final String APP = "mpysdk";

    private CacheLocations() {
    }

    /** @return the default cache directory for this user on this machine */
    public static Path defaultDirectory() {
        return resolve(System.getenv(), System.getProperty(PROPERTY), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."));
    }

    /**
     * The rule behind {@link #defaultDirectory()}, as a pure function for tests.
     *
     * @param env the environment
     * @param property the value of {@link #PROPERTY}, or null
     * @param osName {@code os.name}
     * @param userHome {@code user.home}
     * @return the cache directory
     */
    public static Path resolve(Map<String, String> env, String property, String osName, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String override = env.get(ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : Path.of(userHome, "AppData", "Local");
            return base.resolve(APP).resolve("cache");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Path.of(userHome, "Library", "Caches", APP);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, APP);
        }
        return Path.of(userHome, ".cache", APP);
    }
}
