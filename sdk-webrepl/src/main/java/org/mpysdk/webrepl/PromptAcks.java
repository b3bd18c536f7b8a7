package org.mpysdk.webrepl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges the board's TCP segments at once instead of up to 40 ms later.
 *
 * <p>Why: the board writes each small piece of output (a REPL reply's {@code OK}, its {@code \x04}s, a
 * GET chunk's frame header and its payload) with a separate {@code send}, and its TCP stack runs
 * Nagle's algorithm: a second small segment waits until the first one is acknowledged. A Linux client
 * that has just sent data is in "ping-pong" (interactive) mode and delays its ACK, hoping to piggyback
 * it on an answer that never comes, because the client is itself waiting for the rest of the reply.
 * Each exchange then stalls for the delayed-ACK timer (about 40 ms): 44 ms per exec, 44 ms per 256-byte
 * GET chunk, measured on MicroPython's own server. Setting {@code TCP_QUICKACK} after each read sends
 * the pending ACK immediately and leaves ping-pong mode; the kernel re-enters it on our next send, so
 * it is set again after every read that returned data. Where the option is missing (not Linux), this
 * does nothing and the board's delays remain.
 *
 * <p>Cost: one {@code setsockopt} per read; on loopback the exec round trip went from 44.7 ms to
 * about 1 ms.
 */
final class PromptAcks {
    private static final Logger LOG = LoggerFactory.getLogger(PromptAcks.class);

    private final Socket socket;
    private final boolean supported;
    private volatile boolean failed;

    /** @param socket the board's TCP connection (connected or not yet) */
    PromptAcks(Socket socket) {
        this.socket = socket;
        this.supported = socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        if (!supported) {
            LOG.debug("TCP_QUICKACK is not available here: the board's small replies may wait for delayed ACKs");
        }
    }

    /** @return whether the platform lets this class acknowledge promptly */
    boolean supported() {
        return supported;
    }

    /** Sends any delayed ACK now and asks for prompt ACKs until the next send. */
    void arm() {
        if (!supported || failed || socket.isClosed()) {
            return;
        }
        try {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, Boolean.TRUE);
        } catch (IOException | UnsupportedOperationException e) {
            failed = true;
            LOG.debug("TCP_QUICKACK could not be set on {}: {}", socket, e.toString());
        }
    }

    /**
     * @param in the socket's input stream
     * @return {@code in}, arming prompt ACKs after every read that returned data
     */
    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    arm();
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    arm();
                }
                return n;
            }
        };
    }
}
