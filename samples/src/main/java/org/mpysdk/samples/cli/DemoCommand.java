package org.mpysdk.samples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mpy demo}: the first run on a fresh machine, with no hardware (see {@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Flash and run MicroPython on virtual boards: no hardware needed.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Mpy mpy;

    @Override
    public Integer call() throws Exception {
        return new Demo(System.out, mpy.progress()).run();
    }
}
