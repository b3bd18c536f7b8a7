package org.mpysdk.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheLocationsTest {

    @Test
    void platformConventions() {
        assertEquals(Path.of("/xdg/mpysdk"), CacheLocations.resolve(Map.of("XDG_CACHE_HOME", "/xdg"), null, "Linux", "/home/u"));
        assertEquals(Path.of("/home/u/.cache/mpysdk"), CacheLocations.resolve(Map.of(), null, "Linux", "/home/u"));
        assertEquals(Path.of("/home/u/.cache/mpysdk"), CacheLocations.resolve(Map.of("XDG_CACHE_HOME", "rel"), null, "Linux", "/home/u"),
                "a relative XDG_CACHE_HOME is ignored");
        assertEquals(Path.of("/Users/u/Library/Caches/mpysdk"), CacheLocations.resolve(Map.of(), null, "Mac OS X", "/Users/u"));
        assertEquals(Path.of("C:\\Users\\u\\AppData\\Local", "mpysdk", "cache"),
                CacheLocations.resolve(Map.of("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"), null, "Windows 11", "C:\\Users\\u"));
    }

    @Test
    void overrides() {
        assertEquals(Path.of("/env"), CacheLocations.resolve(Map.of("MPYSDK_CACHE_DIR", "/env", "XDG_CACHE_HOME", "/x"), null, "Linux", "/h"));
        assertEquals(Path.of("/prop"), CacheLocations.resolve(Map.of("MPYSDK_CACHE_DIR", "/env"), "/prop", "Linux", "/h"));
    }
}
