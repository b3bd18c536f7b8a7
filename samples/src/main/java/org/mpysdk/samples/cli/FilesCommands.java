package org.mpysdk.samples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.RemoteFile;
import org.mpysdk.core.repl.SyncReport;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplFiles;
import org.mpysdk.webrepl.WebReplTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The file commands, named as in mpremote. A path starting with {@code :} is on the board
 * ({@code :main.py}, {@code :/lib}); any other path is local.
 *
 * <p>Over {@code ws://} the copies take WebREPL's file protocol (one frame stream for a put, 256-byte
 * chunks for a get: far faster than data through the REPL) and prove each copy over the REPL (size and
 * SHA-256); listing, removing and making folders go through the REPL, which the protocol lacks.
 */
final class FilesCommands {
    private FilesCommands() {
    }

    static boolean isRemote(String path) {
        return path.startsWith(":");
    }

    /** @return the WebREPL file protocol when the board is reached over WebREPL, else null */
    static WebReplFiles webRepl(Board board) throws IOException {
        return board.transport() instanceof WebReplTransport ? WebRepl.files(board) : null;
    }

    static String remote(String path) {
        String p = isRemote(path) ? path.substring(1) : path;
        return p.isEmpty() ? "/" : p;
    }

    /** {@code mpy ls [:DIR]}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a folder on the board (default /).")
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

    /**
     * {@code mpy cp [-r] [--force] SRC DST}: one side local, the other on the board. Copies to the board
     * skip files the board already has (same SHA-256), unless {@code --force}.
     */
    @Command(name = "cp", mixinStandardHelpOptions = true, description = "Copy files: 'cp main.py :main.py' (to the board), 'cp :main.py .' (from it)."
            + " Files the board already has (same SHA-256) are not sent again unless --force.")
    static final class Cp implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Option(names = {"-r", "--recursive"}, description = "copy a folder and everything under it")
        boolean recursive;

        @Option(names = "--verify", description = "kept for scripts: every copy to the board is verified (SHA-256 or CRC-16)")
        boolean verify;

        @Option(names = {"-f", "--force"}, description = "copy to the board even when its file already has the same SHA-256")
        boolean force;

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
                        WebReplFiles web = webRepl(board);
                        SyncReport r = web != null ? web.putTree(local, dst, force) : files.putTree(local, dst, force);
                        for (String f : r.copied()) {
                            say(CopyLine.toBoard(local, dst, f, false));
                        }
                        for (String f : r.unchanged()) {
                            say(CopyLine.toBoard(local, dst, f, true));
                        }
                        json(Map.of("copied", r.copied().size(), "unchanged", r.unchanged().size(), "bytes", r.bytesCopied()));
                    } else {
                        if (dst.endsWith("/")) {
                            dst = dst + local.getFileName();
                        }
                        Map<String, Object> done = copyToBoard(files, webRepl(board), local, dst, force);
                        say(CopyLine.of(source, ":" + dst, done.get("unchanged").equals(1)));
                        json(done);
                    }
                } else {
                    String src = remote(source);
                    Path local = Path.of(target);
                    if (recursive) {
                        List<Path> got = files.getTree(src, local);
                        for (Path p : got) {
                            say(CopyLine.fromBoard(src, local, p));
                        }
                        json(Map.of("copied", got.size()));
                    } else {
                        if (Files.isDirectory(local)) {
                            local = local.resolve(Path.of(src).getFileName().toString());
                        }
                        WebReplFiles web = webRepl(board);
                        if (web != null) {
                            web.getVerified(src, local);
                        } else {
                            files.get(src, local);
                        }
                        say(CopyLine.of(":" + src, local.toString(), false));
                        json(Map.of("copied", 1, "bytes", Files.size(local)));
                    }
                }
            }
            return 0;
        }

        /**
         * Copies one file to the board unless the board already has it, as mpremote's {@code cp} does:
         * the board's SHA-256 of its file against the local file's (without hashlib on the board there is
         * no proof, so the file is sent).
         *
         * @param web the WebREPL file protocol to send by, or null to send through the REPL
         * @return what was done: {@code copied} and {@code unchanged} (0 or 1 each), {@code bytes} sent
         */
        static Map<String, Object> copyToBoard(BoardFiles files, WebReplFiles web, Path local, String dst, boolean force)
                throws IOException {
            if (!force && files.isUnchanged(local, dst)) {
                return summary(0, 1, 0);
            }
            if (web != null) {
                web.putVerified(local, dst);
            } else {
                files.put(local, dst);
            }
            return summary(1, 0, Files.size(local));
        }

        private static Map<String, Object> summary(int copied, int unchanged, long bytes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("copied", copied);
            m.put("unchanged", unchanged);
            m.put("bytes", bytes);
            return m;
        }

        /** One line per file, as mpremote prints them; none with {@code --json} or {@code -q}. */
        private void say(String line) {
            if (!mpy.json && !mpy.quiet) {
                System.out.println(line);
            }
        }

        /** The summary, for {@code --json} only. */
        private void json(Map<String, Object> summary) throws IOException {
            if (mpy.json) {
                Output.json(summary);
            }
        }
    }

    /** {@code mpy rm [-r] :PATH}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a file (or, with -r, a folder) on the board.")
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
    @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Make a folder on the board, with its parents.")
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
    @Command(name = "sync", mixinStandardHelpOptions = true, description = "Copy a local folder to the board, only the files that changed.")
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
                WebReplFiles web = webRepl(board);
                SyncReport r = web != null ? web.putTree(local, remote(dir), false) : board.repl().files().putTree(local, remote(dir));
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
