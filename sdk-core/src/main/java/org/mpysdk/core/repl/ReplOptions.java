package org.mpysdk.core.repl;

import java.time.Duration;

/**
 * Timeouts and limits of a {@link Repl}. Start from {@link #defaults()} and change what you need.
 *
 * <pre>{@code
 * ReplOptions o = ReplOptions.defaults().withExecTimeout(Duration.ofSeconds(30)).withRawPaste(false);
 * }</pre>
 *
 * <p>Every value is checked when built: a missing, zero or negative timeout, a negative pause, a plain
 * chunk under 16 bytes or an error-text limit under 1 throws {@link IllegalArgumentException}.
 *
 * @param enterTimeout overall time to get into the raw REPL (covers a board still booting after the
 *     port opened)
 * @param execTimeout default overall time for one exec, eval or file operation step
 * @param rawPasteProbeTimeout how long to wait for the answer to the raw-paste request before giving
 *     up on raw-paste for this connection (some firmware never answers)
 * @param interruptGrace after a timeout or cancel, how long Ctrl-C may take to stop the code
 * @param rawPaste whether to try raw-paste mode at all
 * @param plainChunk without raw-paste, the most code bytes written in one go; longer code is written in
 *     chunks of this size, {@code plainChunkPause} apart (the device has no flow control then)
 * @param plainChunkPause pacing between plain chunks, so a small input buffer is not overrun
 * @param maxErrorText the longest exception text kept (the framing holds back at most this much)
 * @param guarded whether every submission carries its length and hash, checked on the board before it runs
 *     (see {@link #withGuard(boolean)})
 */
public record ReplOptions(Duration enterTimeout, Duration execTimeout, Duration rawPasteProbeTimeout,
                          Duration interruptGrace, boolean rawPaste, int plainChunk, Duration plainChunkPause,
                          int maxErrorText, boolean guarded) {

    // Throws IllegalArgumentException for a missing, zero or negative timeout, a negative pause, a plain
    // chunk under 16 bytes, or an error-text limit under 1 (the record's Javadoc says so too).
    public ReplOptions {
        positive(enterTimeout, "enterTimeout");
        positive(execTimeout, "execTimeout");
        positive(rawPasteProbeTimeout, "rawPasteProbeTimeout");
        positive(interruptGrace, "interruptGrace");
        if (plainChunkPause == null || plainChunkPause.isNegative()) {
            throw new IllegalArgumentException("plainChunkPause must be zero or more, was " + plainChunkPause);
        }
        if (plainChunk < 16) {
            throw new IllegalArgumentException("plainChunk must be at least 16 bytes, was " + plainChunk);
        }
        if (maxErrorText < 1) {
            throw new IllegalArgumentException("maxErrorText must be at least 1, was " + maxErrorText);
        }
    }

    /**
     * @param d a timeout
     * @param name its name, for the message
     * @throws IllegalArgumentException when it is missing, zero or negative
     */
    static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    /**
     * @return 10 s to enter, 10 s per exec, 1 s raw-paste probe, 2 s interrupt grace, raw-paste on,
     *     plain code in 48-byte pieces 10 ms apart (the micro:bit's input buffer holds 63 bytes and
     *     drops the rest when the firmware is busy), every submission guarded
     */
    public static ReplOptions defaults() {
        return new ReplOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), true, 48, Duration.ofMillis(10), 64 * 1024, true);
    }

    /**
     * @param t overall time for one exec, eval or file step; raise it for code that runs long
     * @return a copy with another default exec timeout
     */
    public ReplOptions withExecTimeout(Duration t) {
        return new ReplOptions(enterTimeout, t, rawPasteProbeTimeout, interruptGrace, rawPaste, plainChunk, plainChunkPause, maxErrorText, guarded);
    }

    /**
     * @param t overall time to reach the raw REPL; raise it for boards whose {@code boot.py} runs long
     * @return a copy with another enter timeout
     */
    public ReplOptions withEnterTimeout(Duration t) {
        return new ReplOptions(t, execTimeout, rawPasteProbeTimeout, interruptGrace, rawPaste, plainChunk, plainChunkPause, maxErrorText, guarded);
    }

    /**
     * @param t how long to wait for the answer to the raw-paste request
     * @return a copy with another raw-paste probe timeout
     */
    public ReplOptions withRawPasteProbeTimeout(Duration t) {
        return new ReplOptions(enterTimeout, execTimeout, t, interruptGrace, rawPaste, plainChunk, plainChunkPause, maxErrorText, guarded);
    }

    /**
     * @param t how long Ctrl-C may take to stop the board's code after a timeout or cancel
     * @return a copy with another interrupt grace
     */
    public ReplOptions withInterruptGrace(Duration t) {
        return new ReplOptions(enterTimeout, execTimeout, rawPasteProbeTimeout, t, rawPaste, plainChunk, plainChunkPause, maxErrorText, guarded);
    }

    /**
     * @param on true to try raw-paste mode, false to always write code in plain chunks
     * @return a copy with raw-paste tried or never tried
     */
    public ReplOptions withRawPaste(boolean on) {
        return new ReplOptions(enterTimeout, execTimeout, rawPasteProbeTimeout, interruptGrace, on, plainChunk, plainChunkPause, maxErrorText, guarded);
    }

    /**
     * @param chunk the most code bytes written in one go without raw-paste (a {@link Repl} needs at least 16)
     * @param pause the pause between chunks, so the board's input buffer is not overrun
     * @return a copy with other plain-mode chunking
     */
    public ReplOptions withPlainChunking(int chunk, Duration pause) {
        return new ReplOptions(enterTimeout, execTimeout, rawPasteProbeTimeout, interruptGrace, rawPaste, chunk, pause, maxErrorText, guarded);
    }

    /**
     * Whether code is checked on the board before it runs. On (the default), each submission travels as
     * a bytes literal with its length and hash, and the board runs it only when both match; damaged code
     * is sent again and never runs. The price is about 30 bytes per call and, while the code is checked,
     * a second copy of it in the board's memory. Turn it off only on links that cannot change bytes and
     * for scripts too large to be held twice.
     *
     * @param on true to guard every submission, false to send code as it is
     * @return a copy with the guard on or off
     */
    public ReplOptions withGuard(boolean on) {
        return new ReplOptions(enterTimeout, execTimeout, rawPasteProbeTimeout, interruptGrace, rawPaste, plainChunk, plainChunkPause, maxErrorText, on);
    }
}
