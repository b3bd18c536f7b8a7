package org.mpysdk.core.repl;

/**
 * What the board's firmware offers to file operations, measured once per {@link Repl} with one exec.
 *
 * @param binascii the module with {@code a2b_base64}/{@code b2a_base64} ({@code "binascii"} or
 *     {@code "ubinascii"}), or {@code null}: then data travels as escaped bytes literals
 * @param hashlib the module with {@code sha256}, or {@code null}: then files are compared by size
 * @param ilistdir whether {@code os.ilistdir} exists
 * @param stat whether {@code os.stat} exists
 * @param mkdir whether {@code os.mkdir} exists (the filesystem has folders)
 * @param rename whether {@code os.rename} exists
 * @param size whether {@code os.size} exists (the micro:bit's flat filesystem)
 * @param memFree free heap after a collection, in bytes; it sizes the chunks of a transfer
 */
public record FirmwareFeatures(String binascii, String hashlib, boolean ilistdir, boolean stat, boolean mkdir,
                               boolean rename, boolean size, long memFree) {

    /** Python run on the board; prints one line starting with {@code F}. */
    static final String PROBE = String.join("\n",
            "import os,gc",
            "def __mt(m):",
            " try:",
            "  return __import__(m)",
            " except ImportError:",
            "  return None",
            "__mb=[n for n in ('binascii','ubinascii') if hasattr(__mt(n),'a2b_base64')]",
            "__mh=[n for n in ('hashlib','uhashlib') if hasattr(__mt(n),'sha256')]",
            "gc.collect()",
            "print('F',(__mb+['-'])[0],(__mh+['-'])[0],int(hasattr(os,'ilistdir')),int(hasattr(os,'stat')),"
                    + "int(hasattr(os,'mkdir')),int(hasattr(os,'rename')),int(hasattr(os,'size')),gc.mem_free())",
            "del __mt,__mb,__mh",
            "");

    /** @return whether the filesystem has folders (false on the micro:bit) */
    public boolean directories() {
        return mkdir && stat;
    }

    /**
     * Parses the probe's output line.
     *
     * @throws ReplProtocolException when the line is not the probe's
     */
    static FirmwareFeatures parse(String out) throws ReplProtocolException {
        for (String line : out.split("\r?\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 9 && f[0].equals("F")) {
                try {
                    return new FirmwareFeatures(f[1].equals("-") ? null : f[1], f[2].equals("-") ? null : f[2],
                            f[3].equals("1"), f[4].equals("1"), f[5].equals("1"), f[6].equals("1"), f[7].equals("1"),
                            Long.parseLong(f[8]));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new ReplProtocolException("unexpected answer to the firmware probe: '" + out.strip() + "'");
    }
}
