package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.qemu.QemuMicrobit;
import org.mpysdk.testkit.qemu.QemuMicrobitExtension;

/** The CLI's REPL and file commands against real MicroPython (v1.9.2 in QEMU). */
@Tag(Peers.TAG)
@ExtendWith(QemuMicrobitExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliQemuTest {

    @Test
    void execPrintsAndExceptionsGiveExitCodeThree(QemuMicrobit qemu) {
        CliRun ok = CliRun.of("-p", qemu.pty(), "exec", "print(6*7)");
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals("42\r\n", ok.stdout());
        CliRun bad = CliRun.of("-p", qemu.pty(), "exec", "1/0");
        assertEquals(3, bad.exitCode());
        assertTrue(bad.stderr().contains("ZeroDivisionError"), bad.stderr());
    }

    @Test
    void copyListAndRemoveFiles(QemuMicrobit qemu, @TempDir Path dir) throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        Path local = dir.resolve("bytes.bin");
        Files.write(local, all);
        assertEquals(0, CliRun.of("-p", qemu.pty(), "-q", "cp", local.toString(), ":bytes.bin").exitCode());
        CliRun ls = CliRun.of("-p", qemu.pty(), "ls");
        assertTrue(ls.stdout().contains("256  bytes.bin"), ls.stdout());
        Path back = dir.resolve("back.bin");
        CliRun get = CliRun.of("-p", qemu.pty(), "-q", "cp", ":bytes.bin", back.toString());
        assertEquals(0, get.exitCode(), get.stderr());
        assertArrayEquals(all, Files.readAllBytes(back));
        assertEquals(0, CliRun.of("-p", qemu.pty(), "rm", ":bytes.bin").exitCode());
        assertTrue(!CliRun.of("-p", qemu.pty(), "ls").stdout().contains("bytes.bin"));
    }

    @Test
    void copyingBothLocalIsRefused(QemuMicrobit qemu) {
        CliRun run = CliRun.of("-p", qemu.pty(), "cp", "a", "b");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("must be on the board"), run.stderr());
    }
}
