package org.mpysdk.core.repl;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.core.Cancellation;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.OperationTimeoutException;

/**
 * Raw-paste mode (MicroPython 1.14 and later): the request {@code \x05A\x01} and the flow-controlled
 * upload of code, where the board grants the host windows of bytes with {@code \x01} and may stop the
 * upload early with {@code \x04}.
 */
final class RawPasteSession {
    private static final byte[] REQUEST = {0x05, 'A', 0x01};
    private static final byte[] OLD_BANNER_REST = "w REPL; CTRL-B to exit\r\n>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What the board answered to the raw-paste request. */
    enum Answer { SUPPORTED, UNSUPPORTED, NO_ANSWER }

    /** @param answer the board's answer; @param window the flow-control window when supported */
    record Probe(Answer answer, int window, String detail) {
    }

    /** How an upload ended. */
    enum Upload { COMPLETE, STOPPED_BY_BOARD, CUT_SHORT }

    private RawPasteSession() {
    }

    /**
     * Sends the raw-paste request and reads the answer within {@code timeout}. On
     * {@link Answer#UNSUPPORTED} the board is back at the raw prompt; on {@link Answer#NO_ANSWER} its
     * state is unknown and the caller must re-enter the raw REPL.
     */
    static Probe request(ReplIo io, Duration timeout) throws IOException {
        io.write(REQUEST);
        io.flush();
        Deadline deadline = Deadline.after(timeout);
        byte[] head = readUpTo(io, 2, deadline);
        if (head.length == 2 && head[0] == 'R' && head[1] == 1) {
            byte[] w = readUpTo(io, 2, deadline);
            if (w.length < 2) {
                return new Probe(Answer.NO_ANSWER, 0, "the window size did not follow R\\x01");
            }
            int window = (w[0] & 0xFF) | (w[1] & 0xFF) << 8;
            if (window == 0) {
                return new Probe(Answer.NO_ANSWER, 0, "the board offered a window of 0 bytes");
            }
            return new Probe(Answer.SUPPORTED, window, "window " + window);
        }
        if (head.length == 2 && head[0] == 'R' && head[1] == 0) {
            try {
                io.readUntil(new byte[] {'>'}, deadline, "the raw prompt after R\\x00");
                return new Probe(Answer.UNSUPPORTED, 0, "the board answered R\\x00");
            } catch (OperationTimeoutException e) {
                return new Probe(Answer.NO_ANSWER, 0, "no prompt after R\\x00");
            }
        }
        if (head.length == 2 && head[0] == 'r' && head[1] == 'a') {
            // Firmware before 1.14 took \x05A as text and \x01 as "re-enter raw REPL": it re-printed the banner.
            try {
                io.readUntil(OLD_BANNER_REST, deadline, "the rest of the raw REPL banner");
                return new Probe(Answer.UNSUPPORTED, 0, "firmware without raw-paste re-printed the raw REPL banner");
            } catch (OperationTimeoutException e) {
                return new Probe(Answer.NO_ANSWER, 0, "the banner after 'ra' did not complete");
            }
        }
        return new Probe(Answer.NO_ANSWER, 0, head.length == 0 ? "no answer within " + timeout.toMillis() + " ms"
                : "unexpected answer " + AbstractTransport.printable(head));
    }

    /**
     * Uploads code under flow control and ends it with {@code \x04}. After {@link Upload#COMPLETE}
     * the board's acknowledgement has been read and its output follows; after
     * {@link Upload#STOPPED_BY_BOARD} (a syntax error, say) the output follows directly.
     */
    static Upload send(ReplIo io, int window, byte[] code, Deadline deadline, Cancellation cancel, String what)
            throws IOException {
        return send(io, window, code, deadline, cancel, what, null);
    }

    /**
     * As above; with {@code stall} set (code that cannot run when cut short: the submission guard's),
     * a window grant that does not come within {@code stall} ends the paste at once: a lost grant, or a
     * lost code byte that leaves the board one short of granting, would otherwise hold both sides until
     * the deadline. The board compiles what it has, which fails, and the caller sends the code again.
     * Bytes other than a grant are then taken for damaged grants, for the same reason.
     *
     * @param stall how long to wait for a grant before ending the paste, or null to wait for the deadline
     * @return how the upload ended
     */
    static Upload send(ReplIo io, int window, byte[] code, Deadline deadline, Cancellation cancel, String what,
                       Duration stall) throws IOException {
        int remaining = window;
        int i = 0;
        byte[] in = new byte[64];
        while (i < code.length) {
            long waitingSince = System.nanoTime();
            while (remaining == 0) {
                cancel.throwIfCancelled(what + " (during upload)");
                deadline.check("a raw-paste window from " + io.name() + " (" + i + " of " + code.length + " bytes sent)");
                if (stall != null && System.nanoTime() - waitingSince > stall.toNanos()) {
                    io.write(new byte[] {0x04});
                    io.flush();
                    awaitEnd(io, in, deadline, cancel, what, true);
                    return Upload.CUT_SHORT;
                }
                int n = io.read(in, 0, in.length, ReplIo.SLICE);
                for (int k = 0; k < n; k++) {
                    if (in[k] == 0x01) {
                        remaining += window;
                    } else if (stall != null && in[k] != 0x04) {
                        continue; // a damaged grant: the stall ends the paste if no good one follows
                    } else if (in[k] == 0x04) {
                        io.unread(in, k + 1, n - k - 1);
                        io.write(new byte[] {0x04});
                        return Upload.STOPPED_BY_BOARD;
                    } else {
                        throw new ReplProtocolException("unexpected byte during raw-paste upload to " + io.name() + ": "
                                + AbstractTransport.printable(Arrays.copyOfRange(in, k, n))
                                + " (expected \\x01 or \\x04); the REPL will be re-entered");
                    }
                }
            }
            int n = Math.min(remaining, code.length - i);
            io.write(code, i, n);
            i += n;
            remaining -= n;
        }
        io.write(new byte[] {0x04});
        io.flush();
        awaitEnd(io, in, deadline, cancel, what, false);
        return Upload.COMPLETE;
    }

    /** Reads up to the board's end-of-code acknowledgement; window grants may still arrive before it. */
    private static void awaitEnd(ReplIo io, byte[] in, Deadline deadline, Cancellation cancel, String what, boolean lenient)
            throws IOException {
        while (true) {
            cancel.throwIfCancelled(what + " (waiting for the end of upload)");
            deadline.check("the end-of-code acknowledgement from " + io.name());
            int n = io.read(in, 0, in.length, ReplIo.SLICE);
            for (int k = 0; k < n; k++) {
                if (in[k] == 0x04) {
                    io.unread(in, k + 1, n - k - 1);
                    return;
                } else if (in[k] != 0x01 && !lenient) {
                    throw new ReplProtocolException("unexpected byte after raw-paste upload to " + io.name() + ": "
                            + AbstractTransport.printable(Arrays.copyOfRange(in, k, n)) + " (expected \\x04)");
                }
            }
        }
    }

    private static byte[] readUpTo(ReplIo io, int len, Deadline deadline) throws IOException {
        byte[] out = new byte[len];
        int got = 0;
        while (got < len && !deadline.expired()) {
            got += io.read(out, got, len - got, Duration.ofMillis(deadline.remainingMillis()));
        }
        return Arrays.copyOf(out, got);
    }
}
