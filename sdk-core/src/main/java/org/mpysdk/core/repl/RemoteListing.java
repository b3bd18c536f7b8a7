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
import org.mpysdk.core.internal.PyLiterals;

/** Lists folders and reads file metadata on the board ({@link BoardFiles#ls}, {@link BoardFiles#stat}). */
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
            int s2 = line.lastIndexOf(' ');
            int s1 = s2 <= 0 ? -1 : line.lastIndexOf(' ', s2 - 1);
            if (s1 <= 0) {
                throw new ReplProtocolException("unexpected listing line from the board: '" + line + "'");
            }
            String name = new String(PyLiterals.parse(line.substring(0, s1)), StandardCharsets.UTF_8);
            long mode = parseLong(line.substring(s1 + 1, s2), line);
            long size = parseLong(line.substring(s2 + 1), line);
            boolean isDir = (mode & DIR_BIT) != 0;
            files.add(new RemoteFile(prefix.isEmpty() ? name : RemotePaths.join(prefix, name), name, isDir ? 0 : size, isDir));
        }
        return files;
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
