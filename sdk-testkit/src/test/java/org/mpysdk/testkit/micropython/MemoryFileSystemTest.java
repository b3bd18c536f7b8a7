package org.mpysdk.testkit.micropython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryFileSystemTest {
    private final MemoryFileSystem fs = new MemoryFileSystem(64 * 1024, Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));

    private static Errno errno(ThrowingCall call) {
        return assertThrows(ErrnoException.class, call::run).errno;
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void writeReadListFromJava() throws Exception {
        fs.writeFile("/lib/pkg/mod.py", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, fs.readFile("/lib/pkg/mod.py"));
        assertEquals(List.of("lib"), fs.list("/"));
        assertEquals(List.of("mod.py"), fs.list("lib/pkg"));
        assertTrue(fs.exists("/lib/pkg"));
        assertFalse(fs.exists("/lib/other"));
        assertThrows(VirtualFileSystemException.class, () -> fs.readFile("/lib"));
        assertThrows(VirtualFileSystemException.class, () -> fs.readFile("/nope"));
    }

    @Test
    void openCreatesTruncatesAndRefusesDirectories() throws Exception {
        MemoryFileSystem.FileData f = fs.open("/a", true, false, false);
        fs.write(f, 0, "hello".getBytes(), 0, 5);
        assertEquals(Errno.EEXIST, errno(() -> fs.open("/a", true, true, false)));
        assertEquals(5, fs.open("/a", false, false, false).size());
        assertEquals(0, fs.open("/a", false, false, true).size());
        assertEquals(Errno.ENOENT, errno(() -> fs.open("/b", false, false, false)));
        fs.mkdir("/d");
        assertEquals(Errno.EISDIR, errno(() -> fs.open("/d", true, false, false)));
        assertEquals(Errno.ENOTDIR, errno(() -> fs.open("/a/x", true, false, false)));
        assertEquals(Errno.ENOENT, errno(() -> fs.open("/no/x", true, false, false)));
    }

    @Test
    void mkdirRmdirUnlinkErrorsAreThoseOfPosix() throws Exception {
        fs.mkdir("/d");
        assertEquals(Errno.EEXIST, errno(() -> fs.mkdir("/d")));
        assertEquals(Errno.EEXIST, errno(() -> fs.mkdir("/")));
        fs.open("/d/f", true, false, false);
        assertEquals(Errno.ENOTEMPTY, errno(() -> fs.rmdir("/d")));
        assertEquals(Errno.EISDIR, errno(() -> fs.unlink("/d")));
        assertEquals(Errno.ENOTDIR, errno(() -> fs.rmdir("/d/f")));
        fs.unlink("/d/f");
        assertEquals(Errno.ENOENT, errno(() -> fs.unlink("/d/f")));
        fs.rmdir("/d");
        assertEquals(List.of(), fs.list("/"));
    }

    @Test
    void renameReplacesFilesAndRefusesLoops() throws Exception {
        fs.writeFile("/a", new byte[] {1});
        fs.writeFile("/b", new byte[] {2});
        fs.rename("/a", "/b");
        assertArrayEquals(new byte[] {1}, fs.readFile("/b"));
        assertFalse(fs.exists("/a"));
        fs.mkdir("/d");
        fs.mkdir("/d/e");
        assertEquals(Errno.EINVAL, errno(() -> fs.rename("/d", "/d/e/f")));
        assertEquals(Errno.EISDIR, errno(() -> fs.rename("/b", "/d")));
        assertEquals(Errno.ENOTDIR, errno(() -> fs.rename("/d", "/b")));
        fs.rename("/d/e", "/e");
        assertEquals(List.of("b", "d", "e"), fs.list("/"));
        assertEquals(Errno.ENOENT, errno(() -> fs.rename("/zz", "/yy")));
    }

    @Test
    void spaceIsCountedInBlocksAndRunsOut() throws Exception {
        assertEquals(64 * 1024, fs.freeBytes());
        fs.writeFile("/one", new byte[1]);
        assertEquals(60 * 1024, fs.freeBytes(), "one byte takes a 4 KiB block");
        MemoryFileSystem.FileData big = fs.open("/big", true, false, false);
        assertEquals(Errno.ENOSPC, errno(() -> fs.write(big, 0, new byte[61 * 1024], 0, 61 * 1024)));
        assertEquals(0, big.size(), "a refused write changes nothing");
        fs.unlink("/one");
        assertEquals(64 * 1024, fs.freeBytes());
    }

    @Test
    void readsStopAtTheEnd() throws Exception {
        MemoryFileSystem.FileData f = fs.open("/a", true, false, false);
        fs.write(f, 3, new byte[] {9}, 0, 1);
        byte[] buf = new byte[10];
        assertEquals(4, fs.read(f, 0, buf, 0, 10));
        assertArrayEquals(new byte[] {0, 0, 0, 9}, java.util.Arrays.copyOf(buf, 4));
        assertEquals(0, fs.read(f, 4, buf, 0, 10));
    }
}
