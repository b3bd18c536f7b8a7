package org.mpysdk.core.repl;

import java.time.Duration;
import org.mpysdk.core.Deadline;

/**
 * The deadline of one exec, which the reader of its output may push back once the output says how much
 * is coming: a download prints the file's size first, so the SDK need not ask for it in an exec of its
 * own (a round trip and about 120 input bytes) just to scale the timeout; and the sender, by the pauses
 * it makes itself. Only ever extended, on the thread that runs the exec.
 */
final class ExecDeadline {
    private final long startNanos = System.nanoTime();
    private Deadline deadline;

    ExecDeadline(Duration timeout) {
        deadline = Deadline.after(timeout);
    }

    /** @return the deadline as it stands now */
    Deadline current() {
        return deadline;
    }

    /**
     * @param more time added to the deadline: pauses the SDK itself makes (pacing input for a board
     *     without flow control), which must not count against the time the code was given
     */
    void extendBy(Duration more) {
        if (!more.isZero()) {
            Duration total = deadline.budget().plus(more);
            deadline = new Deadline(deadline.endNanos() + more.toNanos(), total);
        }
    }

    /**
     * @param total the time the whole exec may take, counted from its start; ignored when shorter than
     *     what it has already
     */
    void allowAtLeast(Duration total) {
        if (total.compareTo(deadline.budget()) > 0) {
            deadline = new Deadline(startNanos + total.toNanos(), total);
        }
    }
}
