package org.mpysdk.samples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mpy}: the command line over the SDK's public API, for daily work instead of esptool + mpremote.
 *
 * <pre>
 * java -jar mpy.jar ports
 * java -jar mpy.jar --port /dev/ttyUSB0 chip-info
 * </pre>
 */
@Command(name = "mpy", mixinStandardHelpOptions = true, version = "mpy 0.1.0",
        description = "Flash MicroPython onto ESP boards and work with them over serial or WebREPL.",
        subcommands = {PortsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (message on stderr)", "2:bad command line"})
public final class Mpy implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code, without exiting (for tests and embedding) */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Mpy());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }
}
