package org.mpysdk.serial;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.telnet.TelnetOptionHandler;

/**
 * The Telnet COM-PORT-OPTION (RFC 2217, option 44) for Apache Commons Net: offers the option when
 * the connection opens and records the server's replies, so a command can wait for its acknowledgement.
 */
final class ComPortOption extends TelnetOptionHandler {
    static final int OPTION = 44;
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int PURGE_DATA = 12;
    /** A server reply carries the command code plus this. */
    static final int SERVER_OFFSET = 100;

    static final int CONTROL_DTR_ON = 8;
    static final int CONTROL_DTR_OFF = 9;
    static final int CONTROL_RTS_ON = 11;
    static final int CONTROL_RTS_OFF = 12;
    static final int PURGE_BOTH = 3;

    private final ConcurrentHashMap<Integer, Reply> replies = new ConcurrentHashMap<>();

    ComPortOption() {
        super(OPTION, true, false, true, false);
    }

    /** Prepares to receive the reply to {@code command}; call before sending it. */
    Reply expect(int command) {
        Reply reply = new Reply();
        replies.put(command, reply);
        return reply;
    }

    @Override
    public int[] answerSubnegotiation(int[] data, int length) {
        // data[0] is the option code, data[1] the server's command, then its value bytes.
        if (length >= 2 && data[0] == OPTION && data[1] >= SERVER_OFFSET) {
            int command = data[1] - SERVER_OFFSET;
            int[] value = new int[length - 2];
            System.arraycopy(data, 2, value, 0, value.length);
            Reply reply = replies.remove(command);
            if (reply != null) {
                reply.complete(value);
            }
        }
        return null;
    }

    /** A reply the caller waits for, with a bound. */
    static final class Reply {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile int[] value;

        void complete(int[] v) {
            value = v;
            done.countDown();
        }

        /** @return the reply's value bytes, or null when none came within {@code millis} */
        int[] await(long millis) throws InterruptedException {
            return done.await(millis, TimeUnit.MILLISECONDS) ? value : null;
        }
    }
}
