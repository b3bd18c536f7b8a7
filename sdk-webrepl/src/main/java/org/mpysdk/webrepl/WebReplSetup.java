package org.mpysdk.webrepl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.mpysdk.core.internal.PyLiterals;
import org.mpysdk.core.repl.BoardFiles;
import org.mpysdk.core.repl.Repl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns WebREPL on or off through a board's REPL (usually over serial), as MicroPython's interactive
 * {@code import webrepl_setup} does: the password goes to {@code webrepl_cfg.py} ({@code PASS = '...'}),
 * and {@code boot.py} gets {@code import webrepl} / {@code webrepl.start()}. It takes effect at the next
 * boot, or at once with {@link #startNow()}.
 *
 * <pre>{@code
 * try (Board board = Board.open("/dev/ttyUSB0")) {
 *     WebReplSetup setup = WebRepl.setup(board);
 *     setup.enable("s3cret");          // idempotent: boot.py keeps one start line
 *     setup.status();                  // WebReplStatus[passwordSet=true, startsOnBoot=true]
 *     setup.disable();                 // comments the lines out and removes webrepl_cfg.py
 * }
 * }</pre>
 *
 * <p>Files are named relative to the board's current folder, as {@code webrepl_setup} names them
 * ({@code /} on ESP8266 and ESP32).
 */
public final class WebReplSetup {
    /** The password file that {@code webrepl.start()} imports. */
    public static final String CONFIG = "webrepl_cfg.py";
    /** The script the board runs at boot. */
    public static final String BOOT = "boot.py";
    /** Shortest password that {@code webrepl_setup} accepts. */
    public static final int MIN_PASSWORD = 4;
    /** Longest password the board keeps. */
    public static final int MAX_PASSWORD = 9;

    private static final Logger LOG = LoggerFactory.getLogger(WebReplSetup.class);

    private final Repl repl;

    /** @param repl the board's REPL (serial, or any transport) */
    public WebReplSetup(Repl repl) {
        this.repl = Objects.requireNonNull(repl, "repl");
    }

    /**
     * Writes {@code webrepl_cfg.py} with the password and makes {@code boot.py} start WebREPL; running it
     * again changes the password and leaves {@code boot.py} with one start line.
     *
     * @param password 4 to 9 characters (ASCII letters, digits and punctuation are safest)
     * @throws IllegalArgumentException when the password length is outside 4 to 9 or it holds a line break
     * @throws IOException when the REPL fails: timeout, lost link, or an error on the board (e.g. no space)
     */
    public void enable(String password) throws IOException {
        checkPassword(password);
        BoardFiles files = repl.files();
        files.put(("PASS = " + PyLiterals.stringLiteral(password) + "\n").getBytes(StandardCharsets.UTF_8), CONFIG);
        String boot = readBoot(files);
        String edited = BootScript.enable(boot);
        if (!edited.equals(boot)) {
            files.put(edited.getBytes(StandardCharsets.UTF_8), BOOT);
        }
        LOG.info("WebREPL enabled on {}: {} written, {} {}", repl.transport().name(), CONFIG, BOOT,
                edited.equals(boot) ? "already started it" : "now starts it");
    }

    /**
     * Comments out the WebREPL lines of {@code boot.py} and removes {@code webrepl_cfg.py}; idempotent.
     * WebREPL keeps running until the next reset.
     *
     * @throws IOException when the REPL fails: timeout, lost link, or an error on the board (e.g. no space)
     */
    public void disable() throws IOException {
        BoardFiles files = repl.files();
        String boot = readBoot(files);
        String edited = BootScript.disable(boot);
        if (!edited.equals(boot)) {
            files.put(edited.getBytes(StandardCharsets.UTF_8), BOOT);
        }
        if (files.exists(CONFIG)) {
            files.rm(CONFIG);
        }
    }

    /**
     * @return whether the password file exists and {@code boot.py} starts WebREPL
     * @throws IOException when the REPL fails
     */
    public WebReplStatus status() throws IOException {
        BoardFiles files = repl.files();
        return new WebReplStatus(files.exists(CONFIG), BootScript.startsWebRepl(readBoot(files)));
    }

    /**
     * Starts WebREPL now, without a reboot ({@code import webrepl; webrepl.start()}). It reads the
     * password from {@code webrepl_cfg.py}, so call {@link #enable(String)} first.
     *
     * @throws org.mpysdk.core.repl.BoardCodeException when the firmware has no {@code webrepl} module
     * @throws IOException when the REPL fails
     */
    public void startNow() throws IOException {
        repl.exec("import webrepl\nwebrepl.start()\n");
    }

    /**
     * Checks a password before anything is written, so a board never ends up with one it cannot accept.
     *
     * @param password the password to check
     * @throws IllegalArgumentException unless the password is 4 to 9 characters without line breaks
     */
    public static void checkPassword(String password) {
        if (password == null) {
            throw new IllegalArgumentException("password must not be null");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (password.length() < MIN_PASSWORD || bytes > MAX_PASSWORD) {
            throw new IllegalArgumentException("a WebREPL password is " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters (webrepl_setup's rule; the board keeps at most " + MAX_PASSWORD + " bytes); this one has "
                    + password.length() + " characters, " + bytes + " bytes");
        }
        new WebReplPassword(password);
    }

    private static String readBoot(BoardFiles files) throws IOException {
        if (!files.exists(BOOT)) {
            return "";
        }
        return new String(files.cat(BOOT), StandardCharsets.UTF_8);
    }
}
