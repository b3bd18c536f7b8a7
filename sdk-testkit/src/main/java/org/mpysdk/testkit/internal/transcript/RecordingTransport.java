package org.mpysdk.testkit.internal.transcript;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpysdk.core.Transport;
import org.mpysdk.testkit.internal.ForwardingTransport;

/**
 * Wraps the transport to a real loader and writes down what passes: the shape of each host command and
 * every chunk the chip sends, as a {@link Transcript}. Everything else is passed through unchanged.
 *
 * <pre>{@code
 * RecordingTransport rec = new RecordingTransport(Transports.open("socket://127.0.0.1:5555"));
 * ... connect and flash through rec ...
 * Files.writeString(file, rec.transcript(List.of("ESP32 ROM, esptool 4.8.1 stub")).format());
 * }</pre>
 */
public final class RecordingTransport extends ForwardingTransport {
    private final CommandFrames frames = new CommandFrames();
    private final List<Transcript.Step> steps = new ArrayList<>();
    private int commands;

    /** @param delegate the link to the real loader; closed with this transport */
    public RecordingTransport(Transport delegate) {
        super(delegate);
    }

    /**
     * @param header comment lines for the transcript
     * @return what was recorded so far
     */
    public synchronized Transcript transcript(List<String> header) {
        return new Transcript(header, steps);
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        synchronized (this) {
            for (Transcript.Command c : frames.feed(data, off, len)) {
                steps.add(c);
                commands++;
            }
        }
        delegate().write(data, off, len);
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        int n = delegate().read(buf, off, len, timeout);
        if (n > 0) {
            synchronized (this) {
                steps.add(new Transcript.Reply(commands, Arrays.copyOfRange(buf, off, off + n)));
            }
        }
        return n;
    }

    @Override
    public byte[] readUntil(byte[] pattern, Duration timeout) throws IOException {
        byte[] got = delegate().readUntil(pattern, timeout);
        synchronized (this) {
            if (got.length > 0) {
                steps.add(new Transcript.Reply(commands, got.clone()));
            }
        }
        return got;
    }
}
