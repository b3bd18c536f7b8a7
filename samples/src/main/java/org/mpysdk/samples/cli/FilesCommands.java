package org.mpysdk.samples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.core.Board;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The file commands, named as in mpremote. A path starting with {@code :} is on the board
 * ({@code :main.py}, {@code :/lib}); any other path is local.
 */
final class FilesCommands {
    private FilesCommands() {
    }

    static boolean isRemote(String path) {
        return path.startsWith(":");
    }

    static String remote(String path) {
        String p = isRemote(path) ? path.substring(1) : path;
        return p.isEmpty() ? "/" : p;
    }

    /** {@code mpy ls [:DIR]}. */
    @Command(name = "ls", description = "List a folder on the board (default /).")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(index = "0", defaultValue = ":/", paramLabel = ":DIR")
        String dir;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                List<RemoteFile> files = board.repl().files().ls(remote(dir));
                if (mpy.json) {
                    Output.json(files);
                } else {
                    for (RemoteFile f : files) {
                        System.out.printf("%10s  %s%n", f.directory() ? "<dir>" : String.valueOf(f.size()),
                                f.name() + (f.directory() ? "/" : ""));
                    }
                }
            }
            return 0;
        }
    }

    /** {@code mpy cp [-r] SRC DST}: one side local, the other on the board. */
    @Command(name = "cp", description = "Copy files: 'cp main.py :main.py' (to the board), 'cp :main.py .' (from it).")
    static final class Cp implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Option(names = {"-r", "--recursive"}, description = "copy a folder and everything under it")
        boolean recursive;

        @Option(names = "--verify", description = "read back and compare after copying to the board")
        boolean verify;

        @Parameters(index = "0", paramLabel = "SRC")
        String source;

        @Parameters(index = "1", paramLabel = "DST")
        String target;

        @Override
        public Integer call() throws Exception {
            if (isRemote(source) == isRemote(target)) {
                throw new IllegalArgumentException("one of SRC and DST must be on the board (start it with ':'), the other local");
            }
            try (Board board = mpy.open()) {
                BoardFiles files = board.repl().files();
                if (isRemote(target)) {
                    Path local = Path.of(source);
                    String dst = remote(target);
                    if (Files.isDirectory(local)) {
                        if (!recursive) {
                            throw new IllegalArgumentException(source + " is a folder: add -r");
                        }
                        SyncReport r = files.putTree(local, dst);
                        print(Map.of("copied", r.copied().size(), "unchanged", r.unchanged().size(), "bytes", r.bytesCopied()));
                    } else {
                        if (dst.endsWith("/")) {
                            dst = dst + local.getFileName();
                        }
                        if (verify) {
                            files.putVerified(local, dst);
                        } else {
                            files.put(local, dst);
                        }
                        print(Map.of("copied", 1, "bytes", Files.size(local)));
                    }
                } else {
                    String src = remote(source);
                    Path local = Path.of(target);
                    if (recursive) {
                        List<Path> got = files.getTree(src, local);
                        print(Map.of("copied", got.size()));
                    } else {
                        if (Files.isDirectory(local)) {
                            local = local.resolve(Path.of(src).getFileName().toString());
                        }
                        files.get(src, local);
                        print(Map.of("copied", 1, "bytes", Files.size(local)));
                    }
                }
            }
            return 0;
        }

        private void print(Map<String, Object> summary) throws Exception {
            if (mpy.json) {
                Output.json(summary);
            } else if (!mpy.quiet) {
                System.out.println(new LinkedHashMap<>(summary));
            }
        }
    }

    /** {@code mpy rm [-r] :PATH}. */
    @Command(name = "rm", description = "Remove a file (or, with -r, a folder) on the board.")
    static final class Rm implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Option(names = {"-r", "--recursive"})
        boolean recursive;

        @Parameters(index = "0", paramLabel = ":PATH")
        String path;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                BoardFiles files = board.repl().files();
                if (recursive) {
                    files.rmdir(remote(path));
                } else {
                    files.rm(remote(path));
                }
            }
            return 0;
        }
    }

    /** {@code mpy mkdir :DIR} (with parents). */
    @Command(name = "mkdir", description = "Make a folder on the board, with its parents.")
    static final class Mkdir implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(index = "0", paramLabel = ":DIR")
        String dir;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                board.repl().files().mkdir(remote(dir));
            }
            return 0;
        }
    }

    /** {@code mpy sync DIR :/}: copies only what changed. */
    @Command(name = "sync", description = "Copy a local folder to the board, only the files that changed.")
    static final class Sync implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(index = "0", paramLabel = "DIR")
        Path local;

        @Parameters(index = "1", defaultValue = ":/", paramLabel = ":DIR")
        String dir;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                SyncReport r = board.repl().files().putTree(local, remote(dir));
                if (mpy.json) {
                    Output.json(r);
                } else {
                    System.out.printf("%d copied (%,d bytes), %d unchanged (compared by %s)%n",
                            r.copied().size(), r.bytesCopied(), r.unchanged().size(), r.comparedBy());
                }
            }
            return 0;
        }
    }
}
