package org.mpysdk.testkit.internal.transcript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mpysdk.core.AbstractTransport;
import org.mpysdk.serial.esp.protocol.Opcode;

/**
 * Plays a real loader back from its {@link Transcript}: each command the host sends must have the
 * recorded shape (opcode, length, checksum, and the payload where it was recorded), and the chip's bytes
 * are released once as many commands have arrived as had when they were recorded. The first command
 * that differs fails the write with a {@link TranscriptMismatchException} naming both, so a change in
 * what the SDK sends to a real ROM or stub shows up in CI without the emulator.
 *
 * <pre>{@code
 * TranscriptTransport chip = new TranscriptTransport("esp32-rom", Transcript.parse(text));
 * EspBootloader.connect(chip, options, OperationScope.none(), StubSource.none());
 * assertEquals(Optional.empty(), chip.mismatch());
 * }</pre>
 */
public final class TranscriptTransport extends AbstractTransport {
    private final List<Transcript.Command> commands;
    private final List<Transcript.Step> steps;
    private final CommandFrames frames = new CommandFrames();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final ByteArrayOutputStream ready = new ByteArrayOutputStream();
    private byte[] readyBytes = new byte[0];
    private int readyAt;
    private int stepCursor;
    private int sent;
    private TranscriptMismatchException mismatch;
    private int baud = 115200;

    /**
     * @param name the port name, for messages
     * @param transcript what the real loader did
     */
    public TranscriptTransport(String name, Transcript transcript) {
        super(name);
        this.steps = transcript.steps();
        this.commands = transcript.commands();
        release();
    }

    /** @return the first command that differed from the recording, if any */
    public Optional<TranscriptMismatchException> mismatch() {
        lock.lock();
        try {
            return Optional.ofNullable(mismatch);
        } finally {
            lock.unlock();
        }
    }

    /** @return how many recorded commands the host has sent so far */
    public int commandsMatched() {
        lock.lock();
        try {
            return sent;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many commands the recording holds */
    public int commandsRecorded() {
        return commands.size();
    }

    @Override
    protected void writeRaw(byte[] data, int off, int len) throws IOException {
        lock.lock();
        try {
            if (mismatch != null) {
                throw mismatch;
            }
            for (Transcript.Command got : frames.feed(data, off, len)) {
                if (sent >= commands.size()) {
                    mismatch = new TranscriptMismatchException(sent, "nothing (the recording ends here)", got);
                    throw mismatch;
                }
                Transcript.Command want = commands.get(sent);
                if (Transcript.bulk(got.opcode()) && unread() > 0) {
                    // The real loaders were never sent a data block ahead of an answer: esptool 4.8.1's stub
                    // answered the second of two blocks in flight with an inflate error.
                    mismatch = new TranscriptMismatchException(sent, want.describe() + " after the previous answer "
                            + "was read", got, unread() + " bytes of the loader's answers were still unread: the "
                            + "host sent a data block before reading the answer to the one before");
                    throw mismatch;
                }
                if (!sameShape(want, got)) {
                    mismatch = new TranscriptMismatchException(sent, want.describe() + want.payloadSummary(), got);
                    throw mismatch;
                }
                sent++;
                release();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected int readRaw(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (readyAt >= readyBytes.length && ready.size() == 0) {
                if (nanos <= 0) {
                    return 0;
                }
                nanos = released.awaitNanos(nanos);
            }
            if (readyAt >= readyBytes.length) {
                readyBytes = ready.toByteArray();
                ready.reset();
                readyAt = 0;
            }
            int n = Math.min(len, readyBytes.length - readyAt);
            System.arraycopy(readyBytes, readyAt, buf, off, n);
            readyAt += n;
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the transcript of " + name());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setBaudRate(int baud) {
        this.baud = baud;  // the recording already holds what came at the new rate
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    protected void closeRaw() {
        // nothing to release
    }

    /** @return bytes released to the host and not yet read. Called with the lock held. */
    private int unread() {
        return readyBytes.length - readyAt + ready.size();
    }

    /** Moves every reply whose commands have all arrived to the readable bytes. Called with the lock held. */
    private void release() {
        boolean any = false;
        while (stepCursor < steps.size()) {
            Transcript.Step s = steps.get(stepCursor);
            if (s instanceof Transcript.Reply r) {
                if (r.afterCommands() > sent) {
                    break;
                }
                ready.writeBytes(r.bytes());
                any = true;
            }
            stepCursor++;
        }
        if (any) {
            released.signalAll();
        }
    }

    private static boolean sameShape(Transcript.Command want, Transcript.Command got) {
        // MEM_DATA carries the stub's code, which is never committed: a replay uploads a stand-in of the
        // recorded shape, so its checksum alone may differ.
        boolean checksumMatters = want.opcode() != Opcode.MEM_DATA.code();
        if (want.opcode() != got.opcode() || want.length() != got.length()
                || checksumMatters && want.checksum() != got.checksum()) {
            return false;
        }
        if (want.payload() != null && !Arrays.equals(want.payload(), got.payload())) {
            return false;
        }
        return want.header() == null || Arrays.equals(want.header(), got.header());
    }
}
