package org.mpysdk.testkit.esp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpysdk.core.BaudRate;
import org.mpysdk.core.Deadline;
import org.mpysdk.core.Transport;
import org.mpysdk.core.TransportClosedException;
import org.mpysdk.core.TransportException;
import org.mpysdk.serial.SerialPortTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VirtualEsp} behind a pseudo-terminal, so a host opens it like a USB serial port: this starts
 * {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}, serves the chip on the first pty (through
 * jSerialComm) and hands out the second one's path. Ptys have no DTR/RTS and ignore the baud rate.
 *
 * <pre>{@code
 * try (VirtualEspPty pty = esp.servePty()) {
 *     Board board = Board.open(pty.hostPath());   // /dev/pts/N
 * }
 * }</pre>
 */
public final class VirtualEspPty implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualEspPty.class);
    private static final Pattern PTY_LINE = Pattern.compile("PTY is (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process socat;
    private final String chipPath;
    private final String hostPath;
    private final Transport chipSide;

    private VirtualEspPty(Process socat, String chipPath, String hostPath, Transport chipSide) {
        this.socat = socat;
        this.chipPath = chipPath;
        this.hostPath = hostPath;
        this.chipSide = chipSide;
    }

    static VirtualEspPty start(VirtualEsp chip) throws IOException {
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0").start();
        } catch (IOException e) {
            throw new TransportException("cannot start socat for a virtual ESP pty: " + e.getMessage()
                    + " (install it: apt-get install socat)", e);
        }
        try {
            List<String> paths = readPtyPaths(socat);
            Transport chipSide = SerialPortTransport.open(paths.get(0), BaudRate.DEFAULT);
            chipSide.discardInput();
            VirtualEspPty pty = new VirtualEspPty(socat, paths.get(0), paths.get(1), chipSide);
            chip.attach(new TransportEndpoint(chipSide));
            return pty;
        } catch (IOException | RuntimeException e) {
            socat.destroy();
            throw e;
        }
    }

    /** Reads socat's stderr until it has named both ptys, within one deadline. */
    private static List<String> readPtyPaths(Process socat) throws IOException {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // socat ended; the deadline below reports it
            }
        }, "socat-stderr-" + socat.pid());
        reader.setDaemon(true);
        reader.start();
        List<String> paths = new ArrayList<>(2);
        List<String> seen = new ArrayList<>();
        Deadline deadline = Deadline.after(START_TIMEOUT);
        while (paths.size() < 2) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while socat started");
            }
            if (line == null) {
                throw new TransportException("socat named " + paths.size() + " of 2 ptys within "
                        + START_TIMEOUT.toSeconds() + " s; it printed: " + seen);
            }
            seen.add(line);
            Matcher m = PTY_LINE.matcher(line);
            if (m.find()) {
                paths.add(m.group(1));
            }
        }
        return paths;
    }

    /** @return the pty the host opens, such as {@code /dev/pts/7} */
    public String hostPath() {
        return hostPath;
    }

    /** @return the pty the chip is served on */
    public String chipPath() {
        return chipPath;
    }

    /** Closes the chip's side and ends socat. */
    @Override
    public void close() {
        chipSide.close();
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socat.destroyForcibly();
        }
        LOG.debug("socat {} for {} stopped", socat.pid(), hostPath);
    }

    @Override
    public String toString() {
        return "VirtualEspPty[" + hostPath + "]";
    }

    /** The chip's end over any {@link Transport} (here the pty opened through jSerialComm). */
    private static final class TransportEndpoint implements ByteEndpoint {
        private final Transport transport;

        TransportEndpoint(Transport transport) {
            this.transport = transport;
        }

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            try {
                return transport.read(buf, off, len, Duration.ofMillis(Math.max(1, timeoutMillis)));
            } catch (TransportClosedException e) {
                return -1;
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            transport.write(buf, off, len);
        }

        @Override
        public String describe() {
            return "pty";
        }

        @Override
        public void close() {
            transport.close();
        }
    }
}
