package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.DIR_BIT;
import static org.mpysdk.core.repl.FsCode.copyOnBoard;
import static org.mpysdk.core.repl.FsCode.execFs;
import static org.mpysdk.core.repl.FsCode.isRoot;
import static org.mpysdk.core.repl.FsCode.normal;
import static org.mpysdk.core.repl.FsCode.py;

import java.io.IOException;
import java.util.List;

/** Creates, removes and renames files and folders on the board (the changing half of {@link BoardFiles}). */
final class RemoteChanges {
    private final Repl repl;

    RemoteChanges(Repl repl) {
        this.repl = repl;
    }

    void mkdir(String dir) throws IOException {
        FirmwareFeatures f = repl.features();
        String d = RemotePaths.check(dir);
        if (isRoot(d)) {
            return;
        }
        if (!f.directories()) {
            throw new UnsupportedRemoteOperationException("cannot create folder " + d + ": this firmware's filesystem is flat"
                    + " (micro:bit style, no os.mkdir); store files at the top level");
        }
        List<String> all = RemotePaths.prefixes(d);
        StringBuilder tuple = new StringBuilder("(");
        for (String p : all) {
            tuple.append(py(p)).append(',');
        }
        tuple.append(')');
        execFs(repl, "import os\nfor __md in " + tuple + ":\n try:\n  os.mkdir(__md)\n except OSError:\n"
                + "  if not os.stat(__md)[0]&" + DIR_BIT + ":raise\n", d);
    }

    void rm(String path) throws IOException {
        String p = normal(path, repl.features());
        execFs(repl, "import os\nos.remove(" + py(p) + ")\n", p);
    }

    void rmdir(String dir) throws IOException {
        FirmwareFeatures f = repl.features();
        String d = RemotePaths.check(dir);
        if (isRoot(d)) {
            throw new UnsupportedRemoteOperationException("refusing to remove the root folder " + d + "; remove its entries one by one");
        }
        if (!f.directories()) {
            throw new UnsupportedRemoteOperationException("cannot remove folder " + d + ": this firmware's filesystem is flat (no folders)");
        }
        String base = d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
        execFs(repl, "import os\ndef __mr(d):\n for n in os.listdir(d):\n  q=d+'/'+n\n  if os.stat(q)[0]&" + DIR_BIT
                + ":__mr(q)\n  else:os.remove(q)\n os.rmdir(d)\n__mr(" + py(base) + ")\ndel __mr\n", d);
    }

    void rename(String from, String to) throws IOException {
        FirmwareFeatures f = repl.features();
        String a = normal(from, f);
        String b = normal(to, f);
        if (f.rename()) {
            execFs(repl, "import os\nos.rename(" + py(a) + "," + py(b) + ")\n", a);
        } else {
            execFs(repl, copyOnBoard(py(a), py(b)) + "import os\nos.remove(" + py(a) + ")\n", a);
        }
    }
}
