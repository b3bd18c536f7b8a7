package org.mpysdk.firmware.mip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Garbage into the index and package-description parsers: either a result whose paths and hashes are
 * safe to put into board paths and URLs, or {@link MalformedPackageIndexException}; nothing else.
 */
class MipIndexJsonFuzzTest {
    private static final String WHERE = "https://index.example/pi/v2/fuzz.json";

    @FuzzTest(maxDuration = "10s")
    void indexParsesOrFailsTyped(byte[] json) {
        try {
            PackageIndex index = IndexJson.index(json, WHERE);
            for (IndexEntry e : index.packages()) {
                assertFalse(e.name().isEmpty());
                e.known("py");
                e.offers("6", "latest");
            }
            index.similar(new String(json, StandardCharsets.UTF_8));
        } catch (MalformedPackageIndexException expected) {
            assertTrue(expected.getMessage().startsWith(WHERE), expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void manifestParsesOrFailsTyped(byte[] json) {
        try {
            PackageManifest m = IndexJson.manifest(json, WHERE);
            for (PackageManifest.HashedFile f : m.hashes()) {
                assertSafe(f.path());
                assertTrue(f.shortHash().matches("[0-9a-f]{4,64}"), f.shortHash());
            }
            for (PackageManifest.LinkedFile f : m.urls()) {
                assertSafe(f.path());
                assertFalse(f.url().isBlank());
            }
            for (PackageRequest dep : m.deps()) {
                assertFalse(dep.name().isBlank());
                assertTrue(dep.version().isEmpty() || dep.version().matches("[A-Za-z0-9][A-Za-z0-9._+-]*"), dep.version());
            }
        } catch (MalformedPackageIndexException expected) {
            assertTrue(expected.getMessage().startsWith(WHERE), expected.getMessage());
        }
    }

    private static void assertSafe(String path) {
        assertFalse(path.isEmpty() || path.startsWith("/") || path.contains("\\"), path);
        for (String part : path.split("/", -1)) {
            assertFalse(part.isEmpty() || part.equals(".") || part.equals(".."), path);
        }
    }
}
