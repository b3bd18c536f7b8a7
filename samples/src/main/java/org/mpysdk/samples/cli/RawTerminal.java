package org.mpysdk.samples.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Puts the controlling terminal in raw mode (no line editing, no echo, Ctrl-C passed through as a byte)
 * for an interactive session, and restores the saved settings on close. Does nothing where there is no
 * terminal or no {@code stty} (pipes, Windows).
 */
final class RawTerminal implements AutoCloseable {
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    static RawTerminal enter() {
        if (System.console() == null) {
            return new RawTerminal(null);
        }
        String settings = stty("-g");
        if (settings == null || stty("raw -echo") == null) {
            return new RawTerminal(null);
        }
        return new RawTerminal(settings.strip());
    }

    @Override
    public void close() {
        if (saved != null) {
            stty(saved);
        }
    }

    /** @return stty's output, or null when it failed */
    private static String stty(String args) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
