package org.mpysdk.samples.cli;

import java.util.concurrent.Callable;
import org.mpysdk.Board;
import org.mpysdk.webrepl.WebRepl;
import org.mpysdk.webrepl.WebReplSetup;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mpy webrepl-setup}: what {@code import webrepl_setup} does, without the interactive prompts. */
@Command(name = "webrepl-setup", mixinStandardHelpOptions = true, description = "Enable, disable or show WebREPL on a board (over serial).")
final class WebReplSetupCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    static final class Action {
        @Option(names = "--enable", paramLabel = "PASSWORD", description = "enable with this password (4-9 characters)")
        String enablePassword;

        @Option(names = "--disable", description = "stop starting WebREPL at boot")
        boolean disable;

        @Option(names = "--status", description = "show whether WebREPL is configured")
        boolean status;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Override
    public Integer call() throws Exception {
        try (Board board = mpy.open()) {
            WebReplSetup setup = WebRepl.setup(board);
            if (action.enablePassword != null) {
                setup.enable(action.enablePassword);
            } else if (action.disable) {
                setup.disable();
            }
            if (mpy.json) {
                Output.json(setup.status());
            } else {
                System.out.println(setup.status());
            }
        }
        return 0;
    }
}
