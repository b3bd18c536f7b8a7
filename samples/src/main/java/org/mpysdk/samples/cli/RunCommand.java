package org.mpysdk.samples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mpy run script.py}: mpremote's {@code run}, without copying the script to the board. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a local Python script on the board.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Parameters(index = "0", paramLabel = "SCRIPT")
    Path script;

    @Option(names = "--timeout", description = "seconds to allow (default 300)")
    long timeoutSeconds = 300;

    @Override
    public Integer call() throws Exception {
        String code = Files.readString(script);
        try (Board board = mpy.open()) {
            return Execution.run(board, code, Duration.ofSeconds(timeoutSeconds), mpy.json);
        }
    }
}
