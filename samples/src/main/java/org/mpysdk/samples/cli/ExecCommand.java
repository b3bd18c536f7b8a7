package org.mpysdk.samples.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.mpysdk.Board;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mpy exec CODE}: mpremote's {@code exec}, output streamed as it arrives. */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Run Python code on the board; its output streams to stdout.")
final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Parameters(index = "0", paramLabel = "CODE", description = "Python source to run")
    String code;

    @Option(names = "--timeout", description = "seconds to allow (default 30)")
    long timeoutSeconds = 30;

    @Override
    public Integer call() throws Exception {
        try (Board board = mpy.open()) {
            return Execution.run(board, code, Duration.ofSeconds(timeoutSeconds), mpy.json);
        }
    }
}
