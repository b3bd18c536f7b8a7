package org.mpysdk.webrepl;

/** The operations of the WebREPL file protocol, with their codes in the request record. */
enum FileOp {
    /** Write a file on the board. */
    PUT_FILE(1),
    /** Read a file from the board. */
    GET_FILE(2),
    /** Ask for the MicroPython version (three bytes, no status reply). */
    GET_VER(3);

    private final int code;

    FileOp(int code) {
        this.code = code;
    }

    /** @return the code in the request's type byte */
    public int code() {
        return code;
    }

    /**
     * @param code the request's type byte
     * @return the operation with that code
     * @throws WebReplProtocolException for any other code
     */
    public static FileOp ofCode(int code) throws WebReplProtocolException {
        for (FileOp op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        throw new WebReplProtocolException("unknown WebREPL file operation " + code + " (known: 1 put, 2 get, 3 version)");
    }
}
