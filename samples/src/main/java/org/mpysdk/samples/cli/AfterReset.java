package org.mpysdk.samples.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What a bootloader command does with the chip when it is done, esptool's {@code --after}: reset it
 * into its application, leave it in download mode, or start the application with the loader's run
 * command.
 */
enum AfterReset {
    /** Pulse EN through RTS, so the chip boots its application (needs DTR/RTS lines). */
    HARD_RESET("hard-reset"),
    /** Stay in the ROM loader (or stub), so the next command connects without a reset. */
    NO_RESET("no-reset"),
    /** Leave the loader with its run command; the chip then answers no loader command until reset. */
    RUN("run");

    private final String cliName;

    AfterReset(String cliName) {
        this.cliName = cliName;
    }

    /** @return the spelling on the command line, e.g. {@code hard-reset} */
    String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /**
     * Parses {@code --after}'s value. esptool's spellings ({@code hard_reset}, {@code no_reset}) are
     * accepted too, so esptool command lines carry over.
     */
    static final class Converter implements ITypeConverter<AfterReset> {
        @Override
        public AfterReset convert(String value) {
            String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (AfterReset mode : values()) {
                if (mode.cliName.equals(wanted)) {
                    return mode;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of " + Names.list());
        }
    }

    /** The values as typed, for picocli's {@code ${COMPLETION-CANDIDATES}} and messages. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(AfterReset::cliName).iterator();
        }

        static String list() {
            return String.join(", ", new Names());
        }
    }
}
