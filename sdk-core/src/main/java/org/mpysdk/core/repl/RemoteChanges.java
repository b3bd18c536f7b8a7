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
        // In a function: a loop variable at the top level would stay in the board's globals.
        execFs(repl, "def __mk(t):\n import os\n for d in t:\n  try:\n   os.mkdir(d)\n  except OSError:\n"
                + "   if not os.stat(d)[0]&" + DIR_BIT + ":raise\ntry:__mk(" + tuple + ")\nfinally:del __mk\n", d);
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

    /** @return whether the file was created (false: it existed and was left as it was) */
    boolean touch(String path) throws IOException {
        FirmwareFeatures f = repl.features();
        String p = normal(path, f);
        if (isRoot(p)) {
            return false;
        }
        // Not mpremote's open(p,'a'): the micro:bit has no 'a' mode. Instead: is something there? Only
        // ENOENT means "missing"; any other error must not lead to open(p,'wb'), which truncates. A
        // folder is refused with EISDIR (some ports open a folder for reading without complaint). The
        // micro:bit has no os.stat; its os.size fails only for a missing file.
        String exists = f.directories() || f.stat()
                ? "  s=os.stat(p)\n except OSError as e:\n  if e.args[0]!=2:raise\n  s=None\n"
                        + " if s:\n  if s[0]&" + DIR_BIT + ":raise OSError(21)\n  return 0\n"
                : "  os.size(p)\n  return 0\n except OSError:\n  pass\n";
        String code = "def __mu(p):\n import os\n try:\n" + exists + " open(p,'wb').close()\n return 1\n"
                + "try:print(__mu(" + py(p) + "))\nfinally:del __mu\n";
        return execFs(repl, code, p).text().strip().equals("1");
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
