package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.execFs;
import static org.mpysdk.core.repl.FsCode.normal;
import static org.mpysdk.core.repl.FsCode.parseLong;
import static org.mpysdk.core.repl.FsCode.py;

import java.io.IOException;

/** Size, used and free space of the board's filesystem ({@link BoardFiles#df}). */
final class RemoteSpace {
    private final Repl repl;

    RemoteSpace(Repl repl) {
        this.repl = repl;
    }

    DiskUsage df(String path) throws IOException {
        String p = normal(path.isEmpty() ? "/" : path, repl.features());
        // The presence test runs in the same exec: statvfs is not in the feature probe, and one
        // round trip is cheaper than two. A function keeps the tuple out of the board's globals.
        String code = "def __mv(p):\n import os\n if not hasattr(os,'statvfs'):\n  print('-')\n  return\n"
                + " s=os.statvfs(p)\n print(s[0],s[1],s[2],s[3])\n"
                + "try:__mv(" + py(p) + ")\nfinally:del __mv\n";
        String[] parts = execFs(repl, code, p).text().strip().split(" ");
        if (parts.length == 1 && parts[0].equals("-")) {
            throw new UnsupportedRemoteOperationException("cannot tell the free space of " + p
                    + ": this firmware has no os.statvfs (the micro:bit's flat filesystem has none)");
        }
        if (parts.length != 4) {
            throw new ReplProtocolException("unexpected statvfs answer from the board for " + p + ": " + String.join(" ", parts));
        }
        long bsize = parseLong(parts[0], p);
        long frsize = parseLong(parts[1], p);
        // POSIX counts f_blocks and f_bavail in f_frsize units; MicroPython's VFS sets both sizes alike,
        // but a port that leaves f_frsize 0 still means f_bsize.
        long unit = frsize > 0 ? frsize : bsize;
        long total = unit * parseLong(parts[2], p);
        long free = unit * parseLong(parts[3], p);
        return new DiskUsage(p, unit, total, total - free, free);
    }
}
