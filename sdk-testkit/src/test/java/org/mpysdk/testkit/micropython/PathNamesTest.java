package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class PathNamesTest {

    @Test
    void resolvesRelativeDotAndDotDot() throws Exception {
        assertEquals("/", PathNames.normalize("/", "/x"));
        assertEquals("/x/a", PathNames.normalize("a", "/x"));
        assertEquals("/a", PathNames.normalize("../a", "/x"));
        assertEquals("/a", PathNames.normalize("/../../a/./", "/x"));
        assertEquals("/a/b", PathNames.normalize("//a//b", "/"));
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> PathNames.normalize("", "/")).errno);
        assertEquals(Errno.ENAMETOOLONG, assertThrows(ErrnoException.class,
                () -> PathNames.normalize("/" + "n".repeat(256), "/")).errno);
    }

    /** Any path either fails with an errno or gives a clean absolute path that normalizes to itself. */
    @FuzzTest(maxDuration = "10s")
    void normalizeIsCleanAndIdempotent(FuzzedDataProvider data) {
        String cwdPart = data.consumeString(40);
        String path = data.consumeRemainingAsString();
        String cwd;
        try {
            cwd = PathNames.normalize("/" + cwdPart, "/");
        } catch (ErrnoException e) {
            return;
        }
        String normal;
        try {
            normal = PathNames.normalize(path, cwd);
        } catch (ErrnoException e) {
            assertTrue(path.isEmpty() || path.length() > MemoryFileSystem.MAX_PATH || path.indexOf('\0') >= 0
                    || e.errno == Errno.ENAMETOOLONG, e.getMessage());
            return;
        }
        assertTrue(normal.startsWith("/"), normal);
        assertFalse(normal.contains("//"), normal);
        assertFalse(normal.length() > 1 && normal.endsWith("/"), normal);
        for (String part : normal.substring(1).split("/")) {
            assertFalse(part.equals(".") || part.equals(".."), normal);
        }
        try {
            assertEquals(normal, PathNames.normalize(normal, "/"));
        } catch (ErrnoException e) {
            throw new AssertionError("a normalized path must normalize again: " + normal, e);
        }
    }
}
