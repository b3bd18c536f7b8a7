package org.mpysdk.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpysdk.testkit.Peers;
import org.mpysdk.testkit.micropython.VirtualMicroPython;

/** {@code mpy mount DIR --exec/--run} on MicroPython 1.27 in the JVM, and its usage errors. */
@Tag(Peers.TAG)
@VirtualMicroPython
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliMountTest {
    @TempDir
    Path tmp;

    @Test
    void runsCodeThatImportsFromTheFolderAndWritesIntoIt() throws Exception {
        Files.writeString(tmp.resolve("greet.py"), "def hi(n):\n    return 'hi ' + n\n");
        Files.writeString(tmp.resolve("job.py"), "import greet\nprint(greet.hi('cli'))\nopen('done.txt', 'w').write('ok')\n");
        CliRun run = CliRun.of("-p", "virtual:micropython", "mount", tmp.toString(), "--run", tmp.resolve("job.py").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("hi cli", run.stdout().strip());
        assertEquals("ok", Files.readString(tmp.resolve("done.txt")));

        CliRun exec = CliRun.of("-p", "virtual:micropython", "mount", "--read-only", "--mount-point", "/app", tmp.toString(),
                "--exec", "import os\nprint(os.getcwd(), sorted(os.listdir()))");
        assertEquals(0, exec.exitCode(), exec.stderr());
        assertEquals("/app ['done.txt', 'greet.py', 'job.py']", exec.stdout().strip());
    }

    @Test
    void usageErrorsNameTheFlag() {
        CliRun notDir = CliRun.of("-p", "virtual:micropython", "mount", tmp.resolve("missing").toString(), "--exec", "pass");
        assertEquals(2, notDir.exitCode());
        assertTrue(notDir.stderr().contains("is not a folder"), notDir.stderr());
        CliRun badPoint = CliRun.of("-p", "virtual:micropython", "mount", "--mount-point", "remote/x", tmp.toString(), "--exec", "pass");
        assertEquals(2, badPoint.exitCode());
        assertTrue(badPoint.stderr().contains("--mount-point"), badPoint.stderr());
        CliRun help = CliRun.of("mount", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("--unsafe-links"), help.stdout());
    }
}
