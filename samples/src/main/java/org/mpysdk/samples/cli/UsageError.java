package org.mpysdk.samples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a bad command line (exit 2) as esptool and mpremote do: the message, the command's synopsis
 * and where to find its help, on stderr, rather than the whole help page, which would bury the message;
 * with {@code --json}, one JSON object on stdout (see {@link ErrorReport}).
 */
final class UsageError implements IParameterExceptionHandler {
    private final boolean json;

    /** @param json whether {@code --json} was among the arguments */
    UsageError(boolean json) {
        this.json = json;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        if (json) {
            return ErrorReport.print(true, ErrorReport.USAGE, e.getMessage(), Mpy.EXIT_USAGE);
        }
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + cli.getHelp().synopsis(0));
        String name = cli.getCommandSpec().qualifiedName(" ");
        boolean topLevel = cli.getParent() != null && cli.getParent().getParent() == null; // 'mpy help' knows these
        err.println("Try '" + name + " --help'" + (topLevel ? " or 'mpy help " + cli.getCommandName() + "'" : "") + ".");
        err.flush();
        return Mpy.EXIT_USAGE;
    }
}
