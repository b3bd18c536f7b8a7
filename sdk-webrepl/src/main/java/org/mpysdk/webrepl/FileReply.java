package org.mpysdk.webrepl;

import org.mpysdk.core.AbstractTransport;

/**
 * Parsers for what the board sends back in binary frames: the 4-byte status reply {@code "WB"} +
 * u16 LE status, the 2-byte length that starts each chunk of a get, and the 3-byte version.
 */
final class FileReply {
    /** Length of a status reply. */
    public static final int STATUS_LENGTH = 4;
    /** Length of a chunk header in a get. */
    public static final int CHUNK_HEADER_LENGTH = 2;
    /** Largest chunk the board sends (its read buffer). Larger lengths mean the stream is out of step. */
    public static final int MAX_CHUNK = 256;

    private FileReply() {
    }

    /**
     * @param reply the 4 bytes read after a request or at the end of a transfer
     * @return the status code (0 = ok)
     * @throws WebReplProtocolException when the bytes are not a status reply
     */
    public static int status(byte[] reply) throws WebReplProtocolException {
        if (reply == null || reply.length != STATUS_LENGTH) {
            throw new WebReplProtocolException("a WebREPL status reply is 4 bytes (\"WB\" and a status), got "
                    + (reply == null ? "none" : AbstractTransport.printable(reply)));
        }
        if (reply[0] != 'W' || reply[1] != 'B') {
            throw new WebReplProtocolException("a WebREPL status reply starts with \"WB\", got "
                    + AbstractTransport.printable(reply) + "; the board may not speak the WebREPL file protocol");
        }
        return (reply[2] & 0xFF) | (reply[3] & 0xFF) << 8;
    }

    /**
     * @param status the status code, 0 for ok
     * @return the 4 bytes of a status reply with {@code status}, as the board writes it
     * @throws IllegalArgumentException when {@code status} does not fit in two bytes
     */
    public static byte[] encodeStatus(int status) {
        if (status < 0 || status > 0xFFFF) {
            throw new IllegalArgumentException("status is two bytes: " + status);
        }
        return new byte[] {'W', 'B', (byte) status, (byte) (status >> 8)};
    }

    /**
     * @param header the 2 bytes that precede each chunk of a get
     * @return the length announced by a get chunk header (0 = end of file)
     * @throws WebReplProtocolException when it is not 2 bytes or exceeds {@value #MAX_CHUNK}
     */
    public static int chunkLength(byte[] header) throws WebReplProtocolException {
        if (header == null || header.length != CHUNK_HEADER_LENGTH) {
            throw new WebReplProtocolException("a get chunk starts with a 2-byte length, got "
                    + (header == null ? "none" : AbstractTransport.printable(header)));
        }
        int n = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
        if (n > MAX_CHUNK) {
            throw new WebReplProtocolException("get chunk of " + n + " bytes announced; the board sends at most "
                    + MAX_CHUNK + ", so the stream is out of step (bytes " + AbstractTransport.printable(header) + ")");
        }
        return n;
    }

    /**
     * @param reply the 3 bytes the board sends for a version request
     * @return the version in a 3-byte version reply
     * @throws WebReplProtocolException when it is not 3 bytes
     */
    public static MicroPythonVersion version(byte[] reply) throws WebReplProtocolException {
        if (reply == null || reply.length != 3) {
            throw new WebReplProtocolException("a WebREPL version reply is 3 bytes, got "
                    + (reply == null ? "none" : AbstractTransport.printable(reply)));
        }
        return new MicroPythonVersion(reply[0] & 0xFF, reply[1] & 0xFF, reply[2] & 0xFF);
    }
}
