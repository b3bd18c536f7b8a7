package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.qemu.QemuMicrobit;
import org.mpysdk.testkit.qemu.QemuMicrobitExtension;

/**
 * {@code mpy touch}, {@code cat}, {@code sha256sum}, {@code tree} and {@code df} end to end against the
 * micro:bit's MicroPython v1.9.2 in QEMU: no hashlib, no statvfs, a flat filesystem. The board keeps its
 * files between {@code mpy} runs, so each command sees what the one before did.
 */
@Tag(Peers.TAG)
@ExtendWith(QemuMicrobitExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliFsInfoQemuTest {

    @Test
    void touchCatSha256sumTreeAndDfOnTheFlatFilesystem(QemuMicrobit qemu, @TempDir Path dir) throws Exception {
        String p = qemu.pty();
        CliRun.of("-p", p, "exec", "import os\nfor n in os.listdir():\n os.remove(n)");
        byte[] text = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        Path local = Files.write(dir.resolve("t.txt"), text);
        assertEquals(0, CliRun.of("-p", p, "-q", "cp", local.toString(), ":t.txt").exitCode());

        CliRun touch = CliRun.of("-p", p, "touch", ":t.txt", ":empty.txt");
        assertEquals(0, touch.exitCode(), touch.stderr());
        CliRun cat = CliRun.of("-p", p, "cat", ":t.txt", ":empty.txt");
        assertEquals(0, cat.exitCode(), cat.stderr());
        assertEquals("line one\nline two\n", cat.stdout(), "touch left t.txt as it was; empty.txt adds nothing");

        CliRun sum = CliRun.of("-p", p, "sha256sum", ":t.txt", ":empty.txt");
        assertEquals(0, sum.exitCode(), sum.stderr());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        assertEquals(HexFormat.of().formatHex(md.digest(text)) + "  t.txt\n" + HexFormat.of().formatHex(md.digest(new byte[0]))
                + "  empty.txt\n", sum.stdout().replace("\r\n", "\n"));

        CliRun tree = CliRun.of("-p", p, "tree", "-s");
        assertEquals(0, tree.exitCode(), tree.stderr());
        assertEquals(":/\n├── [        0]  empty.txt\n└── [       18]  t.txt\n", tree.stdout().replace("\r\n", "\n"));

        CliRun df = CliRun.of("-p", p, "df");
        assertEquals(1, df.exitCode(), df.stdout());
        assertTrue(df.stderr().contains("statvfs"), df.stderr());
    }
}
