package org.mpysdk.core.repl;

/**
 * The content check a transfer uses, and the Python that computes it on the board: SHA-256 through
 * the firmware's hashlib, else CRC-16 in plain Python (v1.9.2 on the micro:bit has no hashlib and no
 * binascii). The board prints the digest as lower-case hex, as {@link ContentDigest#hex()} does.
 *
 * <p>Board names start with {@code __md} so they cannot clash with the user's.
 */
enum DigestKind {
    /** SHA-256 with the firmware's {@code hashlib} (or {@code uhashlib}). */
    SHA256("SHA-256"),
    /** CRC-16/CCITT-FALSE in Python, for firmware without hashlib. */
    CRC16("CRC-16");

    private final String label;

    DigestKind(String label) {
        this.label = label;
    }

    /** @return SHA-256 when the firmware has hashlib, else CRC-16 */
    static DigestKind of(FirmwareFeatures f) {
        return f.hashlib() != null ? SHA256 : CRC16;
    }

    /** @return the name for messages: {@code "SHA-256"} or {@code "CRC-16"} */
    String label() {
        return label;
    }

    /** @return a fresh host-side digest of this kind */
    ContentDigest newHostDigest() {
        return new ContentDigest(this);
    }

    /**
     * @param f the firmware's features (which hashlib module to import)
     * @return Python lines that define what {@link #start}, {@link #update} and {@link #hex} use
     */
    String setup(FirmwareFeatures f) {
        if (this == SHA256) {
            return "import " + f.hashlib() + " as __mdH\n";
        }
        StringBuilder table = new StringBuilder("__mdT=(");
        for (int v : Crc16.TABLE) {
            table.append(v).append(',');
        }
        table.append(")\n");
        // One nibble per step keeps every value a small int: no big-int allocation on a tiny heap.
        return table + "def __mdc(c,b):\n for x in b:\n  c=((c<<4)&65535)^__mdT[(c>>12)^(x>>4)]\n"
                + "  c=((c<<4)&65535)^__mdT[(c>>12)^(x&15)]\n return c\n";
    }

    /** @return a Python expression for a fresh digest state */
    String start() {
        return this == SHA256 ? "__mdH.sha256()" : String.valueOf(Crc16.INITIAL);
    }

    /**
     * @param state the Python variable holding the state
     * @param data the Python variable holding the next bytes
     * @return a Python statement that adds {@code data} to {@code state}
     */
    String update(String state, String data) {
        return this == SHA256 ? state + ".update(" + data + ")" : state + "=__mdc(" + state + "," + data + ")";
    }

    /**
     * @param state the Python variable holding the state
     * @return a Python expression for the digest as lower-case hex
     */
    String hex(String state) {
        return this == SHA256 ? "''.join('%02x'%__mdx for __mdx in " + state + ".digest())" : "'%04x'%" + state;
    }

    /** @return a Python statement that removes what {@link #setup} defined */
    String teardown() {
        return this == SHA256 ? "del __mdH\n" : "del __mdT,__mdc\n";
    }
}
