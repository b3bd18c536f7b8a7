package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An {@link OutputSink} that cuts output into lines (without {@code \r\n}) and hands each to a
 * handler; one line may be at most {@code maxLine} bytes, so memory stays bounded.
 */
final class LineSplitter implements OutputSink {
    /** Receives one line. */
    interface LineHandler {
        void line(byte[] line) throws IOException;
    }

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final LineHandler handler;
    private final int maxLine;

    LineSplitter(int maxLine, LineHandler handler) {
        this.maxLine = maxLine;
        this.handler = handler;
    }

    @Override
    public void accept(byte[] bytes, int off, int len) {
        try {
            for (int i = off; i < off + len; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    finishLine();
                } else if (b != '\r') {
                    current.write(b);
                    if (current.size() > maxLine) {
                        throw new ReplProtocolException("a line of the board's reply is longer than " + maxLine
                                + " bytes; the transfer's framing was lost");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishLine() throws IOException {
        byte[] line = current.toByteArray();
        current.reset();
        handler.line(line);
    }

    /** Hands over a last line that had no line end. */
    void finish() throws IOException {
        if (current.size() > 0) {
            finishLine();
        }
    }
}
