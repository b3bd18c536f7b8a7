package org.mpysdk.core.repl;

import static org.mpysdk.core.repl.FsCode.parseLong;
import static org.mpysdk.core.repl.FsCode.py;
import static org.mpysdk.core.repl.FsCode.transferTimeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Size and SHA-256 of board files, many per exec, to decide what a copy can skip (as mpremote's
 * {@code cp} does); without hashlib, the size alone.
 */
final class BoardFingerprints {
    private final Repl repl;

    BoardFingerprints(Repl repl) {
        this.repl = repl;
    }

    /** Size and, where the board can hash, SHA-256 of a file. */
    record Fingerprint(long size, String sha256) {
        static Fingerprint of(Path local, boolean withHash) throws IOException {
            long size = Files.size(local);
            if (!withHash) {
                return new Fingerprint(size, null);
            }
            try (InputStream in = Files.newInputStream(local)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                return new Fingerprint(size, java.util.HexFormat.of().formatHex(md.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    /** @return fingerprints of the board files that exist (missing ones are absent from the map) */
    Map<String, Fingerprint> of(List<String> paths) throws IOException {
        FirmwareFeatures f = repl.features();
        Map<String, Fingerprint> out = new LinkedHashMap<>();
        String fn;
        if (f.hashlib() != null) {
            fn = "import os," + f.hashlib() + " as __mH\ndef __mq(p):\n try:\n  f=open(p,'rb')\n except OSError:\n  return '-'\n"
                    + " h=__mH.sha256()\n n=0\n while 1:\n  b=f.read(256)\n  if not b:break\n  n+=len(b)\n  h.update(b)\n"
                    + " f.close()\n return str(n)+' '+repr(h.digest())\n";
        } else {
            String size = f.stat() ? "os.stat(p)[6]" : "os.size(p)";
            fn = "import os\ndef __mq(p):\n try:\n  return str(" + size + ")\n except OSError:\n  return '-'\n";
        }
        int i = 0;
        int perExec = 32;
        while (i < paths.size()) {
            List<String> batch = paths.subList(i, Math.min(paths.size(), i + perExec));
            StringBuilder code = new StringBuilder(fn).append("for __mp in (");
            for (String p : batch) {
                code.append(py(p)).append(',');
            }
            code.append("):\n print(__mq(__mp))\ndel __mq\n");
            String[] lines = repl.exec(code.toString(), transferTimeout(repl, 0)).stdout().split("\r?\n");
            if (lines.length < batch.size()) {
                throw new ReplProtocolException("expected " + batch.size() + " fingerprints from the board, got " + lines.length);
            }
            for (int k = 0; k < batch.size(); k++) {
                String line = lines[k].strip();
                if (line.equals("-")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    out.put(batch.get(k), new Fingerprint(parseLong(line, batch.get(k)), null));
                } else {
                    byte[] digest = BoardLiteral.parse(line.substring(sp + 1));
                    out.put(batch.get(k), new Fingerprint(parseLong(line.substring(0, sp), batch.get(k)),
                            java.util.HexFormat.of().formatHex(digest)));
                }
            }
            i += batch.size();
        }
        return out;
    }
}
