package org.mpysdk.firmware.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the installer accepts before it fetches anything: package specs, sources, index and target. */
class MipRequestsTest {

    @Test
    void specsReadAsMpremoteWritesThem() {
        assertEquals(new PackageRequest("logging", ""), PackageRequest.parse("logging"));
        assertEquals(new PackageRequest("logging", "0.6.2"), PackageRequest.parse("logging@0.6.2"));
        assertEquals("latest", PackageRequest.parse("logging").versionOrLatest());
        assertEquals("https://h/u@x/p.py", PackageRequest.parse("https://h/u@x/p.py").name(), "an @ inside a URL path stays");
        assertThrows(IllegalArgumentException.class, () -> PackageRequest.parse("@1.0"));
        assertThrows(IllegalArgumentException.class, () -> PackageRequest.parse("logging@../../x"));
    }

    @Test
    void onlyIndexNamesAndHttpUrlsAreSources() throws UnsupportedPackageSourceException {
        PackageSources.requireSupported("collections-defaultdict", "");
        PackageSources.requireSupported("https://example.org/pkg/", "");
        for (String bad : List.of("github:org/repo", "gitlab:org/repo/x.py", "codeberg:o/r", "ftp://h/x", "../x", "x.json",
                "a b", "C:\\x")) {
            assertThrows(UnsupportedPackageSourceException.class, () -> PackageSources.requireSupported(bad, ""), bad);
        }
        assertEquals("https://h/pi/package/py/p/extra.py", PackageSources.link("extra.py", "https://h/pi/package/py/p/1.0.json", ""));
        assertEquals("http://o/x.py", PackageSources.link("http://o/x.py", "https://h/p.json", ""));
        assertThrows(UnsupportedPackageSourceException.class, () -> PackageSources.link("file:x.py", "https://h/p.json", ""));
    }

    @Test
    void indexAndTargetAreChecked() {
        assertEquals(PackageInstaller.DEFAULT_INDEX, PackageInstaller.builder().build().index());
        assertEquals("http://h/pi/v2", PackageInstaller.builder().index("http://h/pi/v2//").build().index());
        assertEquals("/", PackageInstaller.builder().target("/").build().target());
        assertEquals("/flash/lib", PackageInstaller.builder().target("/flash/lib/").build().target());
        for (String bad : List.of("lib", "/lib/../x", "/a//b", "\\lib")) {
            assertThrows(IllegalArgumentException.class, () -> PackageInstaller.builder().target(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> PackageInstaller.builder().index("file:///tmp/index"));
    }

    @Test
    void aVariantFallsBackToSourcesOnlyWhereTheIndexSaysSo() {
        IndexEntry e = new IndexEntry("x", "1.1", Map.of("py", List.of("1.0", "1.1"), "6", List.of("1.1")));
        assertTrue(e.offers("6", "1.1"));
        assertTrue(!e.offers("6", "1.0") && e.offers("py", "1.0"));
        assertTrue(e.offers("6", "latest") && !e.offers("7", "latest"));
        IndexEntry silent = new IndexEntry("y", "", Map.of());
        assertTrue(silent.offers("6", "9.9"), "an index that lists no versions is asked directly");
    }

    @Test
    void similarNamesAreSuggested() {
        PackageIndex index = new PackageIndex(List.of(new IndexEntry("logging", "", Map.of()), new IndexEntry("aioble", "", Map.of()),
                new IndexEntry("collections-defaultdict", "", Map.of())));
        assertEquals(List.of("logging"), index.similar("loging"));
        assertEquals(List.of("collections-defaultdict"), index.similar("defaultdict"));
        assertEquals(List.of(), index.similar("zzz"));
    }
}
