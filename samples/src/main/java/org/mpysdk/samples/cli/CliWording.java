package org.mpysdk.samples.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mpysdk.core.flash.ChipInfo;
import org.mpysdk.core.flash.FlashNotVerifiedException;
import org.mpysdk.core.flash.FlashResult;

/**
 * Library messages as the command line says them. The libraries' messages tell a Java caller what to
 * call ({@code FlashOptions.withForce(true)}); someone typing {@code mpy} needs the flag that does the
 * same ({@code --force}), so every library message the CLI prints goes through {@link #of(Throwable)}.
 */
final class CliWording {
    /**
     * API calls that library messages suggest, and the mpy flag for each. Longer phrases come first so
     * that one containing another is replaced whole.
     */
    private static final List<Map.Entry<String, String>> API_TO_FLAG = List.of(
            Map.entry("FlashOptions.withVerify(false), mpy flash --no-verify", "--no-verify"),
            Map.entry("FlashOptions.defaults().withVerify(false)", "--no-verify"),
            Map.entry("FlashOptions.withVerify(false)", "--no-verify"),
            Map.entry("FlashOptions.withForce(true)", "--force"),
            Map.entry("FlashOptions.withSkipUnchanged(false)", "--no-skip"),
            Map.entry("ConnectOptions.withStub(false)", "--no-stub"),
            Map.entry("ConnectOptions.withReset(ResetMode.NO_RESET)", "--reset NO_RESET"),
            Map.entry("FlashOptions.withEraseAll(true)", "--erase"),
            Map.entry("WebReplSetup.enable(...)", "mpy webrepl-setup --enable PASSWORD"),
            Map.entry("another with FirmwareCatalog.builder().lockFile(...)", "another cache folder with MPYSDK_CACHE_DIR"));

    /** {@code Board.open("ws://h:8266", WebRepl.password("..."))}, whatever the port string. */
    private static final Pattern OPEN_WITH_PASSWORD = Pattern.compile("Board\\.open\\(\"[^\"]*\", WebRepl\\.password\\([^)]*\\)\\)");

    private CliWording() {
    }

    /**
     * @param e a failure to report
     * @return its message with API calls replaced by the mpy flags that do the same
     */
    static String of(Throwable e) {
        if (e instanceof FileSystemException f) {
            return fileProblem(f);
        }
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        for (Map.Entry<String, String> rule : API_TO_FLAG) {
            message = message.replace(rule.getKey(), rule.getValue());
        }
        return OPEN_WITH_PASSWORD.matcher(message).replaceAll("pass --password PASSWORD");
    }

    /**
     * The JDK's file exceptions carry only the path as their message ({@code nope.py}), which alone
     * says nothing; this adds what is wrong with it, as a shell would.
     */
    private static String fileProblem(FileSystemException e) {
        String file = e.getFile() != null ? e.getFile() : "?";
        String what = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NotDirectoryException ? "not a folder"
                : e instanceof FileAlreadyExistsException ? "already exists"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return file + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "") + ": " + what;
    }

    /**
     * Says, in the CLI's terms, that a flash wrote everything but could not verify it, and how to get a
     * verified write ({@code --no-stub} dropped, {@code --stub-dir}) or accept the unverified one
     * ({@code --no-verify}). Built here rather than rewritten from the library's text, since the CLI
     * knows which loader answered and which remedies apply to it.
     *
     * @param e the library's exception
     * @param chip the chip as the loader reported it
     * @return the message for stderr and {@code --json}
     */
    static String notVerified(FlashNotVerifiedException e, ChipInfo chip) {
        FlashResult written = e.result();
        String loader = chip.chip().displayName() + " ROM loader" + (chip.secureDownloadMode() ? " in Secure Download Mode" : "");
        String remedy = chip.secureDownloadMode()
                ? "The stub flasher cannot run in Secure Download Mode, so this chip cannot verify: pass --no-verify "
                        + "to accept unverified writes"
                : "To verify, flash with the stub flasher (do not pass --no-stub; --stub-dir DIR names a folder of "
                        + "esptool's stub JSON files if none is found); to accept unverified writes, pass --no-verify";
        return String.format("wrote %,d bytes in %d region(s), but the %s cannot compute MD5s, so the write was "
                + "NOT verified: the flash may hold other bytes. %s", written.bytes(), written.regions().size(), loader, remedy);
    }
}
