package org.mpysdk.testkit.internal.transcript;

import java.io.IOException;

/** The host sent a command the real loader was not sent at that point of its recorded transcript. */
public final class TranscriptMismatchException extends IOException {
    /** Index of the command that differed. */
    private final int index;

    /**
     * @param index which command (0-based) differed
     * @param recorded what the recording holds there
     * @param sent what the host sent
     */
    TranscriptMismatchException(int index, String recorded, Transcript.Command sent) {
        this(index, recorded, sent, "");
    }

    /**
     * @param index which command (0-based) differed
     * @param recorded what the recording holds there
     * @param sent what the host sent
     * @param why what differs besides the shape, or empty
     */
    TranscriptMismatchException(int index, String recorded, Transcript.Command sent, String why) {
        super("command #" + index + " differs from the real loader's transcript: recorded " + recorded + "; sent "
                + sent.describe() + sent.payloadSummary() + (why.isEmpty() ? "" : " (" + why + ")") + ". The SDK now talks to this loader differently from when "
                + "it was recorded: check the change against the real peer (docs/testing.md), then record again");
        this.index = index;
    }

    /** @return which command (0-based) differed */
    public int index() {
        return index;
    }
}
