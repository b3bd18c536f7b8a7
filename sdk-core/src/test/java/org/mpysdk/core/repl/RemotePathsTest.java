package org.mpysdk.core.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remote names that could climb out of the local target folder, and names the REPL cannot carry. */
class RemotePathsTest {
    private static final Path ROOT = Path.of("/tmp/target");

    @Test
    void rejectsEscapes() {
        for (String bad : List.of("../x", "a/../../x", "/etc/passwd", "\\x", "a\\..\\x", "C:x", "c:/x", "..", ".", "a//b", "a/./b", "a/", "")) {
            assertThrows(InvalidRemotePathException.class, () -> RemotePaths.localTarget(ROOT, bad), bad);
        }
        assertThrows(UnsafeRemotePathException.class, () -> RemotePaths.localTarget(ROOT, "../x"));
    }

    @Test
    void acceptsNormalNames() throws InvalidRemotePathException {
        assertEquals(ROOT.resolve("lib/a.py"), RemotePaths.localTarget(ROOT, "lib/a.py"));
        assertEquals(ROOT.resolve("..a"), RemotePaths.localTarget(ROOT, "..a"));
    }

    @Test
    void refusesControlCharacters() {
        assertThrows(InvalidRemotePathException.class, () -> RemotePaths.check("a\0b"));
        assertThrows(InvalidRemotePathException.class, () -> RemotePaths.check("a\nb"));
        assertThrows(InvalidRemotePathException.class, () -> RemotePaths.check("a\rb"));
    }

    /** Board paths with '.', '..' or empty parts are refused before anything is sent (host paths are too). */
    @Test
    void boardPathsWithDotDotDotOrEmptyPartsAreRefused() throws InvalidRemotePathException {
        for (String bad : List.of("/lib/../main.py", "/lib//x.py", "..", ".", "/.", "/..", "./x", "a/./b", "a/..", "//x", "/lib//")) {
            InvalidRemotePathException e = assertThrows(InvalidRemotePathException.class, () -> RemotePaths.check(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        for (String good : List.of("/", "/main.py", "main.py", "/lib/", "lib/x.py", "/..a", "/a..b/c.", "/.hidden")) {
            assertEquals(good, RemotePaths.check(good));
        }
    }

    @Test
    void prefixesAndParents() {
        assertEquals(List.of("/a", "/a/b"), RemotePaths.prefixes("/a/b/"));
        assertEquals(List.of("a", "a/b"), RemotePaths.prefixes("a//b"));
        assertEquals("/", RemotePaths.parent("/main.py"));
        assertEquals("", RemotePaths.parent("main.py"));
        assertEquals("/lib", RemotePaths.parent("/lib/x.py"));
    }

    /** Whatever the name, an accepted target lies strictly inside the root. */
    @FuzzTest(maxDuration = "10s")
    void acceptedTargetsStayInside(FuzzedDataProvider data) {
        String name = data.consumeRemainingAsString();
        try {
            Path p = RemotePaths.localTarget(ROOT, name);
            assertTrue(p.startsWith(ROOT) && !p.equals(ROOT), p.toString());
        } catch (InvalidRemotePathException expected) {
            // refused with the typed exception
        } catch (java.nio.file.InvalidPathException expected) {
            // not a path on this OS at all (NUL is refused above); Path refuses it too
        }
    }
}
