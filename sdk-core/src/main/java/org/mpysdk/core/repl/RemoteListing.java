package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.DIR_BIT;
import static org.mpysdk.core.repl.FsCode.FILE_MODE;
import static org.mpysdk.core.repl.FsCode.execFs;
import static org.mpysdk.core.repl.FsCode.isRoot;
import static org.mpysdk.core.repl.FsCode.normal;
import static org.mpysdk.core.repl.FsCode.parseLong;
import static org.mpysdk.core.repl.FsCode.py;
import static org.mpysdk.core.repl.FsCode.requireRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Lists folders and reads file metadata on the board ({@link BoardFiles#ls}, {@link BoardFiles#tree}, {@link BoardFiles#stat}). */
final class RemoteListing {
    private final Repl repl;

    RemoteListing(Repl repl) {
        this.repl = repl;
    }

    List<RemoteFile> ls(String dir) throws IOException {
        FirmwareFeatures f = repl.features();
        String d = RemotePaths.check(dir.isEmpty() ? "/" : dir);
        String code;
        if (!f.directories()) {
            requireRoot(d, "list");
            code = "import os\nfor __mn in os.listdir():\n print(repr(__mn)," + FILE_MODE + ",os.size(__mn))\n";
        } else if (f.ilistdir()) {
            // Some ports' ilistdir gives no size (3-tuples): ask stat then, rather than report -1.
            String pre = d.endsWith("/") ? d : d + "/";
            code = "import os\nfor __me in os.ilistdir(" + py(d) + "):\n print(repr(__me[0]),__me[1],__me[3] if len(__me)>3 else os.stat("
                    + py(pre) + "+__me[0])[6])\n";
        } else {
            String pre = d.endsWith("/") ? d : d + "/";
            code = "import os\nfor __mn in os.listdir(" + py(d) + "):\n __ms=os.stat(" + py(pre) + "+__mn)\n print(repr(__mn),__ms[0],__ms[6])\n";
        }
        String out = execFs(repl, code, d).stdout();
        List<RemoteFile> files = new ArrayList<>();
        String prefix = f.directories() ? d : "";
        for (String line : out.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Entry e = Entry.parse(line);
            files.add(new RemoteFile(prefix.isEmpty() ? e.name : RemotePaths.join(prefix, e.name), e.name,
                    e.directory() ? 0 : e.size, e.directory()));
        }
        return files;
    }

    /**
     * Everything under a folder in one exec, each folder followed by its contents, names sorted at
     * every level (mpremote's {@code tree} order). The board walks the tree itself: one exec per
     * folder would cost a round trip each.
     */
    List<RemoteFile> tree(String dir) throws IOException {
        FirmwareFeatures f = repl.features();
        String d = RemotePaths.check(dir.isEmpty() ? "/" : dir);
        if (!f.directories()) {
            requireRoot(d, "list");
            List<RemoteFile> all = new ArrayList<>(ls(d));
            all.sort(java.util.Comparator.comparing(RemoteFile::name));
            return all;
        }
        String base = d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
        // The folder test first: listdir of a file fails differently per port; ENOTDIR is the same everywhere.
        String code = "def __mt(d,t):\n import os\n if t:\n  if not os.stat(d)[0]&" + DIR_BIT + ":raise OSError(20)\n"
                + " for n in sorted(os.listdir(d)):\n  q=(d if d!='/' else '')+'/'+n\n  s=os.stat(q)\n"
                + "  print(repr(q),s[0],s[6])\n  if s[0]&" + DIR_BIT + ":__mt(q,0)\n"
                + "try:__mt(" + py(base) + ",1)\nfinally:del __mt\n";
        String out = execFs(repl, code, d).stdout();
        List<RemoteFile> files = new ArrayList<>();
        for (String line : out.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Entry e = Entry.parse(line);
            int slash = e.name.lastIndexOf('/');
            files.add(new RemoteFile(e.name, e.name.substring(slash + 1), e.directory() ? 0 : e.size, e.directory()));
        }
        return files;
    }

    /** One {@code repr(name) mode size} line of the board's answer. */
    private record Entry(String name, long mode, long size) {
        static Entry parse(String line) throws ReplProtocolException {
            int s2 = line.lastIndexOf(' ');
            int s1 = s2 <= 0 ? -1 : line.lastIndexOf(' ', s2 - 1);
            if (s1 <= 0) {
                throw new ReplProtocolException("unexpected listing line from the board: '" + line + "'");
            }
            String name = new String(BoardLiteral.parse(line.substring(0, s1)), StandardCharsets.UTF_8);
            return new Entry(name, parseLong(line.substring(s1 + 1, s2), line), parseLong(line.substring(s2 + 1), line));
        }

        boolean directory() {
            return (mode & DIR_BIT) != 0;
        }
    }

    RemoteFile stat(String path) throws IOException {
        FirmwareFeatures f = repl.features();
        String p = normal(path, f);
        if (isRoot(p)) {
            return new RemoteFile(p, p, 0, true);
        }
        String code = f.directories() || f.stat()
                ? "import os\n__ms=os.stat(" + py(p) + ")\nprint(__ms[0],__ms[6])\ndel __ms\n"
                : "import os\nprint(" + FILE_MODE + ",os.size(" + py(p) + "))\n";
        String[] parts = execFs(repl, code, p).text().split(" ");
        if (parts.length != 2) {
            throw new ReplProtocolException("unexpected stat answer from the board for " + p + ": " + String.join(" ", parts));
        }
        boolean isDir = (parseLong(parts[0], p) & DIR_BIT) != 0;
        int slash = p.lastIndexOf('/');
        return new RemoteFile(p, p.substring(slash + 1), isDir ? 0 : parseLong(parts[1], p), isDir);
    }

    boolean exists(String path) throws IOException {
        try {
            stat(path);
            return true;
        } catch (RemoteFileNotFoundException e) {
            return false;
        }
    }
}
