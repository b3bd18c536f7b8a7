package org.mpysdk.core.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.mpysdk.core.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a mounted folder's requests out of the board's output and answers them, passing everything else
 * on. A request is {@code 0x18}, Base64, {@code \n}; a {@code 0x18} followed by anything else is the
 * program's own output and passes unchanged.
 *
 * <p>An answer that loses a byte on the way leaves the board waiting for it inside a blocking read
 * ({@code sys.stdin} reads all it was asked for). So when the board stays silent after an answer, a few
 * newlines follow: they complete the read, the CRC fails, the board drains its input and asks again.
 * Newlines are harmless where they may end up instead (in the raw REPL they are blank lines, and the SDK
 * clears the line with Ctrl-C after a mounted exec that had them). Output from the program after an
 * answer shows that the board got it: no filler then, so a friendly REPL at rest gets none.
 */
final class MountDemux {
    private static final Logger LOG = LoggerFactory.getLogger(MountDemux.class);
    private static final byte MARK = 0x18;
    /**
     * A 0x18 followed by this many Base64 characters and then another byte is taken for a damaged request
     * and dropped; shorter, it is the program's output. The shortest request has 12. A checked answer
     * stays right either way: the board's own check covers its output, never its requests.
     */
    private static final int LIKELY_REQUEST = 8;
    private static final byte[] FILLER = new byte[64];
    /** Silence after an answer before the first filler: a board that was merely busy only drains it. */
    private static final long FIRST_FILLER_NANOS = Duration.ofMillis(100).toNanos();
    /** What each request and answer may add to the exec's deadline, besides its time on the line. */
    private static final long PER_REQUEST_NANOS = Duration.ofMillis(20).toNanos();
    /** More filler than the longest answer the board accepts (8192 characters) is never needed. */
    private static final int MAX_FILLER = 8192 + 8;

    static {
        Arrays.fill(FILLER, (byte) '\n');
    }

    private final FolderServer server;
    private final Transport link;
    private StringBuilder frame;
    /** Whether the rest of a dropped request is being skipped, up to its newline. */
    private boolean skipping;
    private boolean answerOutstanding;
    private long nextFillerAt;
    private long fillerDelay;
    private int fillerSent;
    private boolean fillerSinceExec;
    private long allowanceNanos;

    MountDemux(FolderServer server, Transport link) {
        this.server = server;
        this.link = link;
    }

    /**
     * @param in bytes from the board
     * @return the program's output among them, in order
     * @throws IOException when an answer cannot be written
     */
    byte[] filter(byte[] in, int off, int len) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        for (int i = off; i < off + len; i++) {
            byte b = in[i];
            if (skipping) {
                skipping = isBase64(b) || b == '\r';
                if (skipping || b == '\n') {
                    continue;
                }
            }
            if (frame == null) {
                if (b == MARK) {
                    frame = new StringBuilder();
                } else {
                    out.write(b);
                    answerOutstanding = false; // the board prints: it is not stuck in a read of the answer
                }
            } else if (b == MARK) {
                LOG.debug("mount request cut short by the next one: dropped ({} characters)", frame.length());
                frame = new StringBuilder(); // a repeat after a lost newline
            } else if (b == '\n') {
                String text = frame.toString();
                frame = null;
                serve(text);
            } else if (isBase64(b) && frame.length() < MountRequest.MAX_TEXT) {
                frame.append((char) b);
            } else if (b != '\r') {
                if (frame.length() < LIKELY_REQUEST) {
                    out.write(MARK); // not a request: the program printed a 0x18
                    out.writeBytes(frame.toString().getBytes(StandardCharsets.US_ASCII));
                    out.write(b);
                } else {
                    // A request with a byte changed on the way (the board sends it again): not the program's output,
                    // nor is the rest of it up to its newline.
                    LOG.debug("mount: a damaged request dropped ({} characters)", frame.length());
                    skipping = true;
                }
                frame = null;
            }
        }
        if (len > 0) {
            postponeFiller();
        }
        return out.toByteArray();
    }


    private void serve(String text) throws IOException {
        answerOutstanding = false;
        byte[] reply;
        try {
            reply = server.answer(MountRequest.decode(text));
        } catch (MountFrameException e) {
            LOG.debug("mount: {}; asking the board to send it again", e.getMessage());
            reply = FolderServer.retryReply();
        }
        link.write(reply, 0, reply.length);
        link.flush();
        long lineNanos = lineNanos(text.length() + 2L + reply.length);
        allowanceNanos += PER_REQUEST_NANOS + 2 * lineNanos;
        answerOutstanding = true;
        fillerSent = 0;
        fillerDelay = FIRST_FILLER_NANOS + 2 * lineNanos;
        nextFillerAt = System.nanoTime() + fillerDelay;
    }

    private void postponeFiller() {
        if (answerOutstanding) {
            nextFillerAt = System.nanoTime() + fillerDelay;
        }
    }

    /**
     * Called when a read found nothing: after an answer and a silence, sends filler (each time after
     * twice the silence before).
     *
     * @throws IOException when the link fails
     */
    void quiet() throws IOException {
        if (!answerOutstanding || System.nanoTime() - nextFillerAt < 0 || fillerSent >= MAX_FILLER) {
            return;
        }
        LOG.debug("mount: the board is silent after an answer; sending filler in case a byte of it was lost");
        link.write(FILLER, 0, FILLER.length);
        link.flush();
        fillerSent += FILLER.length;
        fillerSinceExec = true;
        allowanceNanos += fillerDelay + PER_REQUEST_NANOS;
        fillerDelay *= 2;
        nextFillerAt = System.nanoTime() + fillerDelay;
    }

    /** @return whether filler was sent since the last call (then the raw REPL's line needs clearing) */
    boolean takeFillerSent() {
        boolean sent = fillerSinceExec;
        fillerSinceExec = false;
        answerOutstanding = false;
        return sent;
    }

    /**
     * @return the time the folder's traffic took since the last call (requests and answers on the line,
     *     the silences before filler), which the code's own deadline must not pay for
     */
    Duration takeAllowance() {
        Duration d = Duration.ofNanos(allowanceNanos);
        allowanceNanos = 0;
        return d;
    }

    private long lineNanos(long bytes) {
        int baud = link.baudRate();
        return baud > 0 ? bytes * 10_000_000_000L / baud : 0;
    }

    private static boolean isBase64(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' || b == '=';
    }
}
