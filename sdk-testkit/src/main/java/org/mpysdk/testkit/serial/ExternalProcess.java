package org.mpysdk.testkit.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer program (socat, ser2net, QEMU) started for a test: its output lines are collected on a
 * daemon thread so the test can wait for a line with a bound, and {@link #close()} ends it (forcibly
 * if it does not stop) so no process outlives the test.
 */
public final class ExternalProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final String command;

    private ExternalProcess(Process process, String command) {
        this.process = process;
        this.command = command;
        Thread reader = new Thread(this::pump, "peer-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} with stderr merged into stdout; the process is killed at JVM exit at the latest.
     *
     * @param command the program and its arguments
     * @return the running process, its output collected line by line
     * @throws IOException when the program cannot be started (not installed, not executable)
     */
    public static ExternalProcess start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ExternalProcess ep = new ExternalProcess(p, String.join(" ", command));
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return ep;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /**
     * @param wanted picks the line to wait for, e.g. one naming a pty
     * @param timeout how long to wait for it
     * @return the first output line matching {@code wanted}
     * @throws IOException when it does not appear within {@code timeout} or the process exits first
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < end) {
                String line = lines.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("'" + command + "' did not print the expected line within " + timeout.toMillis()
                + " ms (alive: " + process.isAlive() + "); it printed: " + seen);
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** Ends the process: politely, then forcibly after a second. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
