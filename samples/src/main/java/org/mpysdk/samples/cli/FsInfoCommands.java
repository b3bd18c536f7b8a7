package org.mpysdk.samples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.DiskUsage;
import org.mpysdk.core.repl.RemoteFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * mpremote's {@code df}, {@code tree}, {@code sha256sum}, {@code touch} and {@code cat}, over
 * {@link BoardFiles}. Paths are on the board; a leading {@code :} is allowed, as in mpremote.
 * Each command prints as mpremote does, or one JSON document with {@code --json}.
 */
final class FsInfoCommands {
    private FsInfoCommands() {
    }

    /** {@code mpy df [:PATH]}. */
    @Command(name = "df", mixinStandardHelpOptions = true, description = "Size, used and free space of the board's filesystem (os.statvfs; default /).")
    static final class Df implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(index = "0", defaultValue = ":/", paramLabel = ":PATH")
        String path;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                DiskUsage d = board.repl().files().df(FilesCommands.remote(path));
                if (mpy.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", d.path());
                    m.put("blockSize", d.blockSize());
                    m.put("totalBytes", d.totalBytes());
                    m.put("usedBytes", d.usedBytes());
                    m.put("freeBytes", d.freeBytes());
                    m.put("usedPercent", d.usedPercent());
                    Output.json(m);
                } else {
                    System.out.print(format(d));
                }
            }
            return 0;
        }

        /** @return mpremote's {@code df} table (header and one row), without its filesystem-type column */
        static String format(DiskUsage d) {
            String f = "%9s%9s%9s%5s %s%n";
            return String.format(Locale.ROOT, f, "size", "used", "avail", "use%", "mounted on")
                    + String.format(Locale.ROOT, f, d.totalBytes(), d.usedBytes(), d.freeBytes(), d.usedPercent(), d.path());
        }
    }

    /** {@code mpy tree [-s|-h] [:DIR]}. */
    @Command(name = "tree", description = "List a board folder and everything under it (default /).")
    static final class Tree implements Callable<Integer> {
        // --help only: -h is mpremote's human-readable sizes here.
        @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @ParentCommand
        Mpy mpy;

        @ArgGroup(exclusive = true)
        Sizes sizes = new Sizes();

        static final class Sizes {
            @Option(names = {"-s", "--size"}, description = "show file sizes in bytes")
            boolean bytes;

            @Option(names = {"-h", "--human"}, description = "show file sizes as 1.2K, 3.4M")
            boolean human;
        }

        @Parameters(index = "0", defaultValue = ":/", paramLabel = ":DIR")
        String dir;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                String d = FilesCommands.remote(dir);
                List<RemoteFile> all = board.repl().files().tree(d);
                if (mpy.json) {
                    Output.json(all);
                } else {
                    System.out.print(format(d, all, sizes.bytes, sizes.human));
                }
            }
            return 0;
        }

        /**
         * @param root the folder listed
         * @param all its entries as {@link BoardFiles#tree} gives them (each folder before its contents)
         * @return mpremote's {@code tree} drawing: {@code :root}, then one line per entry with
         *     {@code ├── }/{@code └── } connectors
         */
        static String format(String root, List<RemoteFile> all, boolean bytes, boolean human) {
            StringBuilder out = new StringBuilder(":").append(root).append('\n');
            // An entry is the last of its folder when no later entry has the same parent.
            boolean[] last = new boolean[all.size()];
            Set<String> seen = new HashSet<>();
            for (int i = all.size() - 1; i >= 0; i--) {
                last[i] = seen.add(parent(all.get(i).path()));
            }
            List<Boolean> open = new ArrayList<>(); // per depth: whether that ancestor has siblings below
            List<String> stack = new ArrayList<>(); // the folders the current entry is in
            for (int i = 0; i < all.size(); i++) {
                RemoteFile f = all.get(i);
                String parent = parent(f.path());
                while (!stack.isEmpty() && !stack.get(stack.size() - 1).equals(parent)) {
                    stack.remove(stack.size() - 1);
                    open.remove(open.size() - 1);
                }
                for (boolean o : open) {
                    out.append(o ? "│   " : "    ");
                }
                out.append(last[i] ? "└── " : "├── ");
                // As mpremote: folders show no size (most filesystems report 0 for them).
                if (!f.directory() || f.size() > 0) {
                    if (bytes) {
                        out.append(String.format(Locale.ROOT, "[%9d]  ", f.size()));
                    } else if (human) {
                        out.append(String.format(Locale.ROOT, "[%6s]  ", humanSize(f.size())));
                    }
                }
                out.append(f.name()).append('\n');
                if (f.directory()) {
                    stack.add(f.path());
                    open.add(!last[i]);
                }
            }
            return out.toString();
        }

        private static String parent(String path) {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        /** @return mpremote's {@code human_size}: bytes as a whole number, else one decimal and K, M, G or T */
        static String humanSize(long size) {
            String[] units = {"B", "K", "M", "G", "T"};
            double s = size;
            int u = 0;
            while (s >= 1024.0 && u < units.length - 1) {
                s /= 1024.0;
                u++;
            }
            return u == 0 ? String.valueOf(size) : String.format(Locale.ROOT, "%.1f%s", s, units[u]);
        }
    }

    /** {@code mpy sha256sum :FILE...}. */
    @Command(name = "sha256sum", mixinStandardHelpOptions = true, description = "SHA-256 of board files (on the board where it has hashlib, else on this computer).")
    static final class Sha256sum implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(arity = "1..*", paramLabel = ":FILE")
        List<String> paths;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                BoardFiles files = board.repl().files();
                if (mpy.json) {
                    List<Map<String, Object>> results = new ArrayList<>();
                    for (String path : paths) {
                        String p = FilesCommands.remote(path);
                        results.add(Map.of("path", p, "sha256", files.sha256(p)));
                    }
                    Output.json(results);
                } else {
                    print(files, paths, System.out);
                }
            }
            return 0;
        }

        /**
         * Prints sha256sum's {@code <hex>  <path>} line per file (mpremote prints the hex alone): scripts
         * and {@code sha256sum -c} read this form.
         */
        static void print(BoardFiles files, List<String> paths, PrintStream out) throws java.io.IOException {
            for (String path : paths) {
                String p = FilesCommands.remote(path);
                out.println(files.sha256(p) + "  " + p);
            }
        }
    }

    /** {@code mpy touch :FILE...}. */
    @Command(name = "touch", mixinStandardHelpOptions = true, description = "Create empty board files where none exist; existing files are left as they are.")
    static final class Touch implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(arity = "1..*", paramLabel = ":FILE")
        List<String> paths;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                BoardFiles files = board.repl().files();
                List<Map<String, Object>> results = new ArrayList<>();
                for (String path : paths) {
                    String p = FilesCommands.remote(path);
                    results.add(Map.of("path", p, "created", files.touch(p)));
                }
                if (mpy.json) {
                    Output.json(results);
                }
            }
            return 0;
        }
    }

    /** {@code mpy cat :FILE...}. */
    @Command(name = "cat", mixinStandardHelpOptions = true, description = "Print board files (their bytes as they are, one after another).")
    static final class Cat implements Callable<Integer> {
        @ParentCommand
        Mpy mpy;

        @Parameters(arity = "1..*", paramLabel = ":FILE")
        List<String> paths;

        @Override
        public Integer call() throws Exception {
            try (Board board = mpy.open()) {
                BoardFiles files = board.repl().files();
                List<Map<String, Object>> results = new ArrayList<>();
                for (String path : paths) {
                    String p = FilesCommands.remote(path);
                    // Each file is read whole and verified before any of it is printed: a damaged read
                    // is retried by cat(), and nothing wrong reaches the terminal.
                    byte[] data = files.cat(p);
                    if (mpy.json) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("path", p);
                        m.put("bytes", data.length);
                        m.put("base64", Base64.getEncoder().encodeToString(data));
                        results.add(m);
                    } else {
                        System.out.write(data);
                        System.out.flush();
                    }
                }
                if (mpy.json) {
                    Output.json(results);
                }
            }
            return 0;
        }
    }
}
