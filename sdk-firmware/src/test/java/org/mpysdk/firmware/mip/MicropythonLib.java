package org.mpysdk.firmware.mip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads real packages from a git mirror of micropython-lib at test time (never copied into this
 * repository): the version, {@code require}s, {@code module}s and {@code package}s of a package's
 * manifest.py, the subset its python-stdlib packages use. Tests that use it skip where the mirror is
 * missing ({@code MPYSDK_MICROPYTHON_LIB_GIT}, default {@code /work/.mirror/micropython+micropython-lib/repo}).
 */
final class MicropythonLib {
    private static final Pattern VERSION = Pattern.compile("metadata\\([^)]*version=\"([^\"]+)\"");
    private static final Pattern REQUIRE = Pattern.compile("^require\\(\"([^\"]+)\"\\)", Pattern.MULTILINE);
    private static final Pattern MODULE = Pattern.compile("^module\\(\"([^\"]+)\"\\)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\(\"([^\"]+)\"\\)", Pattern.MULTILINE);

    private final Path gitDir;

    private MicropythonLib(Path gitDir) {
        this.gitDir = gitDir;
    }

    /** @return the mirror, or the test is skipped with a message saying where it was looked for */
    static MicropythonLib require() {
        String env = System.getenv("MPYSDK_MICROPYTHON_LIB_GIT");
        Path dir = Path.of(env != null && !env.isBlank() ? env : "/work/.mirror/micropython+micropython-lib/repo");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no micropython-lib git mirror at " + dir
                + ": clone https://github.com/micropython/micropython-lib (bare is enough) and set MPYSDK_MICROPYTHON_LIB_GIT");
        return new MicropythonLib(dir);
    }

    /**
     * @param folder e.g. {@code "python-stdlib/logging"}
     * @return its sources as a {@code py} release, named after the folder
     */
    LocalIndex.Release release(String folder) throws IOException {
        String manifest = git("show", "HEAD:" + folder + "/manifest.py");
        Matcher v = VERSION.matcher(manifest);
        if (!v.find()) {
            throw new IOException(folder + "/manifest.py names no version");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Matcher m = MODULE.matcher(manifest); m.find(); ) {
            files.put(m.group(1), show(folder + "/" + m.group(1)));
        }
        for (Matcher m = PACKAGE.matcher(manifest); m.find(); ) {
            String pkg = m.group(1);
            for (String path : git("ls-tree", "-r", "--name-only", "HEAD", folder + "/" + pkg + "/").split("\n")) {
                if (path.endsWith(".py")) {
                    files.put(path.substring(folder.length() + 1), show(path));
                }
            }
        }
        List<List<String>> deps = new ArrayList<>();
        for (Matcher m = REQUIRE.matcher(manifest); m.find(); ) {
            deps.add(List.of(m.group(1), "latest"));
        }
        String name = folder.substring(folder.lastIndexOf('/') + 1);
        return new LocalIndex.Release(name, v.group(1), "py", files, deps);
    }

    private byte[] show(String path) throws IOException {
        return gitBytes("show", "HEAD:" + path);
    }

    private String git(String... args) throws IOException {
        return new String(gitBytes(args), StandardCharsets.UTF_8);
    }

    private byte[] gitBytes(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " failed in " + gitDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
